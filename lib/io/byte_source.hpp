#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Input behind an interface, so that the streaming readers can be tested on strings and run on
// files, pipes and standard input alike.
namespace gdprctl::io {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Up to `size` bytes into `buffer`; 0 only at the end. Throws EnvironmentError on a read error.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

// A file, or standard input for "-". Opening throws EnvironmentError (exit 2) with what to do.
class FileSource : public ByteSource {
public:
    explicit FileSource(const std::string& path);
    ~FileSource() override;
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;
    std::size_t read(char* buffer, std::size_t size) override;

private:
    std::string path_;
    int fd_ = -1;
    bool owned_ = false;
};

class StringSource : public ByteSource {
public:
    explicit StringSource(std::string_view text, std::size_t chunk = 1 << 16) : text_(text), chunk_(chunk) {}
    std::size_t read(char* buffer, std::size_t size) override;

private:
    std::string_view text_;
    std::size_t chunk_;  // small chunks exercise records split across reads
};

}  // namespace gdprctl::io
