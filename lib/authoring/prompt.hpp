#pragma once

#include "authoring/init.hpp"
#include "authoring/line_reader.hpp"
#include "authoring/parties.hpp"
#include "authoring/systems.hpp"
#include "errors.hpp"
#include "model/register.hpp"

#include <functional>
#include <iosfwd>
#include <set>
#include <string>

// Asking for what a command still needs. Each answer is validated as the flag would be when it is
// given, and the same question is asked again when it is wrong; in a list only the wrong items
// are asked again. End of input is a UsageError that writes nothing.
namespace gdprctl::authoring {

// End of input before every question was answered: nothing is written. Never taken for a wrong
// answer, even when it happens inside a follow-up question.
class InputEnded : public UsageError {
public:
    InputEnded() : UsageError("input ended before every question was answered; nothing was written") {}
};

using Validator = std::function<void(const std::string&)>;  // throws UsageError to reject

class Prompter {
public:
    Prompter(LineReader& reader, std::ostream& out) : reader_(reader), out_(out) {}

    // Asks until `validate` accepts the answer. An empty answer gives `fallback` when there is one
    // (shown in brackets), else it is accepted only when `optional`.
    std::string ask(const std::string& question, const Validator& validate = {}, bool optional = false,
                    const std::string& fallback = {});
    // A comma-separated answer; each wrong item is asked again on its own (an empty answer drops it).
    std::vector<std::string> ask_list(const std::string& question, const Validator& validate = {},
                                      bool optional = false);
    // y/n, with `fallback` on an empty answer.
    bool confirm(const std::string& question, bool fallback);
    std::ostream& out() { return out_; }
    // Optional questions are asked once: true the first time for `key`, until forget(key).
    bool first_time(const std::string& key) { return answered_.insert(key).second; }
    void forget(const std::string& key) { answered_.erase(key); }

private:
    std::string read(const std::string& prompt);
    void explain(const std::exception& error);

    LineReader& reader_;
    std::ostream& out_;
    std::set<std::string> answered_;
};

void prompt_init(InitOptions& options, Prompter& prompter);
// Asks for whatever `flags` lacks, and then for what the rules need given the earlier answers:
// per purpose its description, data, consent evidence and withdrawal, LIA, law and Art. 9(2)
// condition; per unknown recipient whether to add it (with its agreement and, outside the EEA, its
// transfer mechanism); retention rules until every category is covered.
void prompt_system(SystemFlags& flags, const model::Register& reg, Prompter& prompter);
void prompt_recipient(RecipientFlags& flags, Prompter& prompter);
void prompt_cookie(CookieFlags& flags, const model::Register& reg, Prompter& prompter);

// The fields of a system that a refusal can send the user back to.
const std::vector<std::string_view>& correctable_system_fields();
// Forgets the answers to `field` (and what hangs on them) so that prompt_system asks again.
void clear_system_field(SystemFlags& flags, std::string_view field);

// `register add` at a terminal: asks, validates, and on a refusal shows the findings (`show`) and
// offers to fix a field, until the system is written or the user stops. When the user stops,
// nothing is written and the command lines that reproduce the answers are printed. Returns the
// last outcome.
WriteOutcome interactive_add_system(const std::filesystem::path& root, SystemFlags& flags, time::Date today,
                                    bool force, const std::string& workspace_arg, Prompter& prompter,
                                    const std::function<void(const WriteOutcome&)>& show);

}  // namespace gdprctl::authoring
