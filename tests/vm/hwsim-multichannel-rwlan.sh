# hwsim-multichannel with rwlan_hwsim as the radio driver.
export RWLAN_RADIO=rwlan_hwsim
. tests/vm/hwsim-multichannel.sh
