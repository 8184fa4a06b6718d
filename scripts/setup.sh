#!/usr/bin/env bash
# Installs what jixiao needs on Debian/Ubuntu to build, run and test.
# Run as root, or with sudo available. With --windows also what building the Windows
# program and trying it under Wine needs (scripts/build-windows.sh, check-windows.sh):
# Debian's Rust compiler with its standard library's source, MinGW, NSIS, zip, Wine.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# gcc/pkg-config: C parts of dependencies. libgl1/libegl1/libx*: the window (OpenGL on
# X11, loaded at run time). poppler-utils/qpdf: the PDF checks of the test script.
# zenity: native file dialogs where no desktop portal runs. xvfb/xdotool/xclip: the
# real-window clipboard check (scripts/clipboard-check.sh). desktop-file-utils,
# xdg-utils, shared-mime-info, libfile-mimeinfo-perl (the `mimetype` that xdg-mime asks
# outside a desktop session), x11-utils, imagemagick: the package check
# (scripts/check-deb.sh). cups/printer-driver-cups-pdf: printing to a real print system
# with a PDF printer (scripts/print-check.sh).
$SUDO apt-get install -y -qq --no-install-recommends \
    gcc libc6-dev pkg-config ca-certificates cups cups-client printer-driver-cups-pdf \
    libgl1 libegl1 libgl1-mesa-dri libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 libx11-xcb1 \
    poppler-utils qpdf zenity xvfb xdotool xclip \
    desktop-file-utils xdg-utils shared-mime-info libfile-mimeinfo-perl x11-utils imagemagick >/dev/null
if [ "${1:-}" = --windows ]; then
    $SUDO apt-get install -y -qq --no-install-recommends \
        rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 nsis zip wine64 procps >/dev/null
fi
if ! command -v cargo >/dev/null 2>&1; then
    echo "需要 Rust 工具链（cargo）：请先安装 rustup，见 https://rustup.rs" >&2
    exit 1
fi
