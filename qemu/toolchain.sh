# Sourced by the build scripts: puts the toolchain the test kernel is built
# with on PATH. LLVM=1 wants unversioned clang/ld.lld; Debian keeps those in
# /usr/lib/llvm-19/bin. bindgen (cargo install) and rustc live in ~/.cargo/bin.
export PATH="/usr/lib/llvm-19/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export LIBCLANG_PATH=/usr/lib/llvm-19/lib
RWLAN_CACHE=${RWLAN_CACHE:-/var/cache/rwlan}
