#!/usr/bin/env bash
# Builds the Debian package (UOS, Kylin, Debian, Ubuntu): target/jixiao_VERSION_ARCH.deb
# with the program, its desktop entry (Chinese name, office category), icons, the MIME
# type of form files (recognised by content) with the program as their opener, and the
# licences. Usage: bash scripts/build-deb.sh   (needs dpkg-deb, which Debian always has)
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
arch=$(dpkg --print-architecture)
target="${CARGO_TARGET_DIR:-target}"
# DEB_PROFILE=dev packages the tests' build instead (CI checks the packaging with the
# binary it has already built; a release is always built with the default).
profile="${DEB_PROFILE:-release}"
cargo build --profile "$profile" --locked --quiet
bin_dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/jixiao_${version}_${arch}"
install -Dm755 "$target/$bin_dir/jixiao" "$root/usr/bin/jixiao"
strip "$root/usr/bin/jixiao" 2>/dev/null || true
install -Dm644 assets/linux/jixiao.desktop "$root/usr/share/applications/jixiao.desktop"
install -Dm644 assets/linux/jixiao-mime.xml "$root/usr/share/mime/packages/jixiao.xml"
install -Dm644 assets/icons/jixiao.svg "$root/usr/share/icons/hicolor/scalable/apps/jixiao.svg"
for size in 48 128 256; do
    install -Dm644 "assets/icons/jixiao-$size.png" \
        "$root/usr/share/icons/hicolor/${size}x${size}/apps/jixiao.png"
done
doc="$root/usr/share/doc/jixiao"
install -d "$doc"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: jixiao"
    echo
    echo "Files: *"
    echo "License: MIT"
    echo
    echo "Files: usr/bin/jixiao (the embedded font Noto Serif SC)"
    echo "License: OFL-1.1"
    echo
    echo "License: MIT"
    sed 's/^/ /' LICENSE
    echo
    echo "License: OFL-1.1"
    sed 's/^$/ ./; s/^/ /' fonts/OFL.txt
} > "$doc/copyright"
size_kb=$(du -sk "$root" | cut -f1)
install -d "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: jixiao
Version: $version
Architecture: $arch
Maintainer: jixiao developers <jixiao@localhost>
Installed-Size: $size_kb
Depends: libc6, libgcc-s1, libgl1, libegl1, libgl1-mesa-dri, libx11-6, libx11-xcb1, libxcursor1, libxrandr2, libxi6, libxkbcommon-x11-0
Recommends: zenity, xdg-utils
Section: misc
Priority: optional
Description: 财政项目支出绩效目标表编辑器 / performance target form editor
 填写年度财政项目支出绩效目标表，保存为文件，从上年文件新建下一年度的表单，
 检查必填项与指标，导出正式表样的 PDF（内置思源宋体）。
 .
 An offline editor for the yearly fiscal project performance target form:
 fill it in, keep it as a file, start next year's from it, export the PDF.
CONTROL
out="$target/jixiao_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$out" >/dev/null
echo "$out"
