# Harness self-test: a scenario that fails must be reported as failed.
echo "this scenario fails on purpose"
exit 3
