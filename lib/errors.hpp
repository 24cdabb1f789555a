#pragma once

#include <stdexcept>
#include <string>

namespace gdprctl {

// Every failure the library reports to a caller carries the exit code the CLI maps it to
// (design: 0 clean, 1 findings or refusals, 2 usage/configuration/environment).
class Error : public std::runtime_error {
public:
    Error(const std::string& message, int exit_code, std::string hint = {})
        : std::runtime_error(message), exit_code_(exit_code), hint_(std::move(hint)) {}
    int exit_code() const { return exit_code_; }
    const std::string& hint() const { return hint_; }

private:
    int exit_code_;
    std::string hint_;
};

// Bad flag, bad value, unknown id: the caller asked for something that cannot be done as asked.
class UsageError : public Error {
public:
    explicit UsageError(const std::string& message, std::string hint = {})
        : Error(message, 2, std::move(hint)) {}
};

// Missing workspace, unreadable file, database from a newer gdprctl: the surroundings are wrong.
class EnvironmentError : public Error {
public:
    explicit EnvironmentError(const std::string& message, std::string hint = {})
        : Error(message, 2, std::move(hint)) {}
};

// A well-formed request the rules forbid (closing a request with open tasks, a second extension).
class Refusal : public Error {
public:
    explicit Refusal(const std::string& message, std::string hint = {})
        : Error(message, 1, std::move(hint)) {}
};

}  // namespace gdprctl
