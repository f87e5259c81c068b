# rwlan — Rust 802.11 SoftMAC drivers, tools and their VM tests.
#
#   make                 build the kernel modules (against the cached test
#                        kernel, or KDIR=/lib/modules/$(uname -r)/build)
#   make demo            boot the test VM and show an AP and a station connecting
#   make test            host checks + every VM scenario; ends "N passed, N failed"
#   make vmtest T=run    VM runs: AREA/NAME@DRIVER, or AREA/NAME for each of
#                        its drivers (tests/AREA/NAME.sh, tests/harness/matrix.sh)
#   make test-reference  the runs against C drivers that make test leaves out
#   make soak            the long robustness runs (hours; not in CI)
#   make selftest        prove the VM harness reports failures
#   make bench           benchmarks on the non-debug kernel (B=bench/NAME: one)
#   make install         build and install rwlan_hwsim and rwlan_rtl8187 for
#                        KDIR's kernel (default: the running one)
#   make install-hwsim-as-c   also install rwlan_hwsim under the name
#                        mac80211_hwsim, in place of the kernel's own
#   make uninstall       remove what either installed
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
SHELL := /bin/bash
export PATH := /usr/lib/llvm-19/bin:$(HOME)/.cargo/bin:$(PATH)
export LIBCLANG_PATH := /usr/lib/llvm-19/lib

KDIR ?=
FLAVOUR ?= debug
T ?=
# The kernel tree to build against: KDIR if given, else the cached test
# kernel (built on first use).
resolve_kdir = kdir="$(KDIR)"; [ -n "$$kdir" ] || kdir=$$($(ROOT)/qemu/kernel.sh $(FLAVOUR)) || exit 1
# A clang-built kernel needs LLVM=1 for modules too.
kbuild = $(MAKE) -C "$$kdir" M=$(ROOT) $$(grep -q '^CONFIG_CC_IS_CLANG=y' "$$kdir/.config" && echo LLVM=1)

.PHONY: all modules setup kernel tools vmtest test-reference selftest test soak demo bench clean \
	install install-hwsim-as-c uninstall

all: modules

modules:
	@$(resolve_kdir); $(kbuild) modules

# Installing is for the running kernel unless KDIR names another.
install_kdir = kdir="$(KDIR)"; [ -n "$$kdir" ] || kdir=/lib/modules/$$(uname -r)/build; \
	release=$$(cat "$$kdir/include/config/kernel.release") || exit 1

install:
	@$(install_kdir); $(kbuild) modules && \
	  $(ROOT)/driver/install.sh install "$$release" rwlan_hwsim.ko rwlan_rtl8187.ko

install-hwsim-as-c:
	@$(install_kdir); $(kbuild) modules && \
	  $(ROOT)/driver/install.sh install "$$release" rwlan_hwsim.ko rwlan_rtl8187.ko mac80211_hwsim.ko

uninstall:
	@$(install_kdir); $(ROOT)/driver/install.sh uninstall "$$release"

setup:
	@$(ROOT)/qemu/setup.sh

kernel: setup
	@$(ROOT)/qemu/kernel.sh $(FLAVOUR)

tools:
	cargo build --release --workspace

vmtest: setup
	@[ -n "$(T)" ] || { echo "usage: make vmtest T=AREA/NAME[@DRIVER] (tests/AREA/NAME.sh)"; exit 2; }
	@$(resolve_kdir); $(kbuild) modules >/dev/null && \
	  cargo build --release --workspace -q && \
	  $(ROOT)/tests/harness/run.sh --kdir "$$kdir" $(T)

# The scenarios against C mac80211_hwsim, the reference rwlan_hwsim stands
# in for (make test runs them against rwlan_hwsim), and the dongle's fault
# and unplug runs against C rtl8187 (tests/harness/matrix.sh).
test-reference: setup
	@$(resolve_kdir); cargo build --release --workspace -q && \
	  $(ROOT)/tests/harness/run.sh --kdir "$$kdir" $$($(ROOT)/tests/harness/matrix.sh reference)

selftest: setup
	@$(resolve_kdir); $(ROOT)/tests/harness/selftest.sh --kdir "$$kdir"

test: setup
	@$(ROOT)/tests/run-all.sh

soak: setup
	@$(ROOT)/tests/soak/run.sh $(S)

demo: setup
	@$(resolve_kdir); $(kbuild) modules >/dev/null && \
	  cargo build --release --workspace -q && \
	  $(ROOT)/tests/harness/run.sh --kdir "$$kdir" hwsim/wpa2@rwlan_hwsim

bench: setup
	@$(ROOT)/tests/bench/run.sh $(B)

clean:
	@kdir="$(KDIR)"; [ -n "$$kdir" ] || kdir=$$(ls -d /var/cache/rwlan/kernel-*-debug-* 2>/dev/null | head -n1); \
	  [ -z "$$kdir" ] || $(kbuild) clean
	rm -f driver/wireless/bindings_generated.rs
	cargo clean
