# The long form of hwsim/load-cycles: 1,000 load/unload cycles, each with
# both radios up and frames crossing between them.
# drivers: rwlan_hwsim
# time limit: 20000 s
. tests/lib/lib.sh
LOAD_CYCLES=$(soak_count 1000)
. tests/hwsim/load-cycles.sh
