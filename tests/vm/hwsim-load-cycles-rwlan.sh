# hwsim-load-cycles with rwlan_hwsim as the radio driver, 50 times.
export RWLAN_RADIO=rwlan_hwsim LOAD_CYCLES=50
. tests/vm/hwsim-load-cycles.sh
