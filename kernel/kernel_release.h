#ifndef FTRIAGE_KERNEL_KERNEL_RELEASE_H_
#define FTRIAGE_KERNEL_KERNEL_RELEASE_H_

#include <optional>
#include <string_view>

namespace ftriage {

// Where a kernel's version is written in the files of a kernel context. Each
// function reads one line and returns a view into it; nullopt when the line
// is not of that kind. Not the places a release is printed in traces.

// The console banner (dmesg, journal, serial log), after any prefix:
// "[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@...) ..." gives
// "6.1.0-56-amd64", the release as `uname -r` prints it.
std::optional<std::string_view> ReleaseFromBannerLine(std::string_view line);

// A .config header: "# Linux/x86 6.1.192 Kernel Configuration" gives
// "6.1.192", the upstream version the config was made for (no local
// suffix such as "-56-amd64").
std::optional<std::string_view> ReleaseFromConfigHeader(std::string_view line);

}  // namespace ftriage

#endif  // FTRIAGE_KERNEL_KERNEL_RELEASE_H_
