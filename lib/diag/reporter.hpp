#pragma once

#include "diag/diagnostic.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gdprctl::diag {

// The one way the decoder, the cross-checks and the lint rules make a finding: rule, file,
// position, message and what to do. Severity and article are filled in from the rule catalogue
// afterwards (rules::apply_catalogue), so a rule's metadata lives in one place.
class Reporter {
public:
    explicit Reporter(std::vector<Diagnostic>& out) : out_(out) {}

    void report(std::string_view rule, std::string path, Position pos, std::string message, std::string hint = {}) {
        Diagnostic d;
        d.rule_id = std::string(rule);
        d.path = std::move(path);
        d.pos = pos;
        d.message = std::move(message);
        d.hint = std::move(hint);
        out_.push_back(std::move(d));
    }

private:
    std::vector<Diagnostic>& out_;
};

}  // namespace gdprctl::diag
