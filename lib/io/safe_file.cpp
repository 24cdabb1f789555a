#include "io/safe_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

namespace gdprctl::io {
namespace fs = std::filesystem;

bool is_inside(const fs::path& path, const fs::path& root) {
    auto p = path.begin(), r = root.begin();
    for (; r != root.end(); ++r, ++p) {
        if (r->empty()) continue;  // a trailing separator of the root
        if (p == path.end() || *p != *r) return false;
    }
    return true;
}

std::string describe_file_type(unsigned mode) {
    switch (mode & S_IFMT) {
        case S_IFREG: return "a regular file";
        case S_IFDIR: return "a folder";
        case S_IFIFO: return "a FIFO (named pipe)";
        case S_IFCHR: return "a character device";
        case S_IFBLK: return "a block device";
        case S_IFSOCK: return "a socket";
        case S_IFLNK: return "a symbolic link";
        default: return "not a regular file";
    }
}

ReadResult read_confined(const fs::path& root, const fs::path& path, std::size_t max_bytes, std::string& out) {
    out.clear();
    std::error_code ec;
    fs::path real_root = fs::canonical(root, ec);
    if (ec) real_root = fs::absolute(root).lexically_normal();
    fs::path real = fs::canonical(path, ec);
    if (ec) {
        if (ec == std::errc::too_many_symbolic_link_levels) return {ReadStatus::link_loop, "a symbolic link loop"};
        if (ec == std::errc::no_such_file_or_directory) return {ReadStatus::missing, ec.message()};
        return {ReadStatus::unreadable, ec.message()};
    }
    if (!is_inside(real, real_root)) return {ReadStatus::outside_workspace, real.string()};

    struct stat info {};
    if (::lstat(real.c_str(), &info) != 0) return {ReadStatus::unreadable, std::strerror(errno)};
    if (!S_ISREG(info.st_mode)) return {ReadStatus::not_regular, describe_file_type(info.st_mode)};

    int fd = ::open(real.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP) return {ReadStatus::outside_workspace, "replaced by a link while being read"};
        return {ReadStatus::unreadable, std::strerror(errno)};
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    if (::fstat(fd, &info) != 0) return {ReadStatus::unreadable, std::strerror(errno)};
    if (!S_ISREG(info.st_mode)) return {ReadStatus::not_regular, describe_file_type(info.st_mode)};
    if (static_cast<std::size_t>(info.st_size) > max_bytes)
        return {ReadStatus::too_large, std::to_string(info.st_size) + " bytes"};
    out.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[65536];
    while (true) {
        auto n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return {ReadStatus::unreadable, std::strerror(errno)};
        if (n == 0) break;
        if (out.size() + static_cast<std::size_t>(n) > max_bytes) {  // a file that grows while read
            out.clear();
            return {ReadStatus::too_large, "more than the cap while being read"};
        }
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return {};
}

}  // namespace gdprctl::io
