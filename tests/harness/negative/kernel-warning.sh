# Harness self-test: a scenario that passes but leaves a WARN in the kernel log
# must be reported as failed. LKDTM's WARNING test calls WARN().
modprobe lkdtm || exit 1
echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT
rmmod lkdtm
exit 0
