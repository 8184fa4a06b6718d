#!/usr/bin/env bash
# Builds the Windows program (Windows 7 to 11, 64-bit) on Debian, from packages only:
#   target/win/dist/jixiao.exe                 the program (icon, version, no console)
#   target/win/dist/jixiao-setup-VERSION.exe   the installer (NSIS)
#   target/win/dist/jixiao-VERSION-windows.zip the portable program
# Its own target folder (WINDOWS_TARGET_DIR, default target/win): another compiler than
# the Linux build's, and it can run beside a Linux build without waiting for its lock.
# Needs: apt-get install rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 nsis zip
# (scripts/setup.sh --windows installs them). The win7 target is a tier-3 target of
# Rust, so its standard library is built from rust-web-src (-Zbuild-std).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
target_dir="${WINDOWS_TARGET_DIR:-target/win}"
triple=x86_64-win7-windows-gnu
mkdir -p "$target_dir/dist"
out=$(realpath "$target_dir/dist")

# Debian's compiler (1.96, with its standard library's source), whatever rustup has.
export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
export CARGO_TARGET_X86_64_WIN7_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export WINDRES=x86_64-w64-mingw32-windres
/usr/bin/cargo build --locked --release --quiet --target "$triple" \
    -Zbuild-std=std,panic_abort --target-dir "$target_dir" --bin jixiao
x86_64-w64-mingw32-strip -o "$out/jixiao.exe" "$target_dir/$triple/release/jixiao.exe"

sample="assets/samples/2020-上海市青少年服务和权益保护工作经费.ron"
makensis -V2 -INPUTCHARSET UTF8 \
    -DVERSION="$version" \
    -DEXE="$out/jixiao.exe" \
    -DROOT="$(realpath .)" \
    -DSAMPLE="$(realpath "$sample")" \
    -DOUTFILE="$out/jixiao-setup-$version.exe" \
    assets/windows/installer.nsi

# The portable program: ASCII names only, as Windows 7's own zip reader garbles others.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
portable="$stage/jixiao-$version"
mkdir -p "$portable/samples"
cp "$out/jixiao.exe" "$portable/"
cp "$sample" "$portable/samples/sample-2020.ron"
cp LICENSE "$portable/LICENSE.txt"
cp fonts/OFL.txt "$portable/OFL-font.txt"
rm -f "$out/jixiao-$version-windows.zip"
(cd "$stage" && zip -qr -X "$out/jixiao-$version-windows.zip" "jixiao-$version")
echo "windows: $out/jixiao.exe, $out/jixiao-setup-$version.exe, $out/jixiao-$version-windows.zip"
