#include "io/byte_source.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

namespace gdprctl::io {

FileSource::FileSource(const std::string& path) : path_(path) {
    if (path == "-") {
        fd_ = STDIN_FILENO;
        return;
    }
    // O_NONBLOCK on open only, so that a FIFO with no writer does not hang the open; reads block.
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd_ < 0)
        throw EnvironmentError(fmt::format("cannot open {}: {}", path, std::strerror(errno)),
                               "give the path of a CSV or JSONL export, or - for standard input");
    owned_ = true;
    struct stat info {};
    if (::fstat(fd_, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd_);
        throw EnvironmentError(fmt::format("{} is a folder", path), "give the path of a CSV or JSONL export");
    }
    int flags = ::fcntl(fd_, F_GETFL);
    if (flags >= 0) ::fcntl(fd_, F_SETFL, flags & ~O_NONBLOCK);
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
}

FileSource::~FileSource() {
    if (owned_ && fd_ >= 0) ::close(fd_);
}

std::size_t FileSource::read(char* buffer, std::size_t size) {
    for (;;) {
        auto got = ::read(fd_, buffer, size);
        if (got >= 0) return static_cast<std::size_t>(got);
        if (errno == EINTR) continue;
        throw EnvironmentError(
            fmt::format("cannot read {}: {}", path_ == "-" ? "standard input" : path_, std::strerror(errno)));
    }
}

std::size_t StringSource::read(char* buffer, std::size_t size) {
    auto n = std::min({size, chunk_, text_.size()});
    std::memcpy(buffer, text_.data(), n);
    text_.remove_prefix(n);
    return n;
}

}  // namespace gdprctl::io
