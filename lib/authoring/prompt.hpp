#pragma once

#include "authoring/init.hpp"
#include "authoring/parties.hpp"
#include "authoring/systems.hpp"
#include "model/taxonomy.hpp"

#include <functional>
#include <iosfwd>
#include <string>

// Asking for what a command still needs, on a terminal. Each answer is validated as the flag would
// be and asked again when wrong; end of input is a UsageError.
namespace gdprctl::authoring {

class Prompter {
public:
    Prompter(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

    // Asks until `validate` accepts the answer (it throws UsageError to reject one). An empty answer
    // is accepted only when `optional`.
    std::string ask(const std::string& question, const std::function<void(const std::string&)>& validate = {},
                    bool optional = false);
    // A comma-separated answer, each part validated.
    std::vector<std::string> ask_list(const std::string& question,
                                      const std::function<void(const std::string&)>& validate = {},
                                      bool optional = false);
    std::ostream& out() { return out_; }

private:
    std::istream& in_;
    std::ostream& out_;
};

void prompt_init(InitOptions& options, Prompter& prompter);
void prompt_system(SystemFlags& flags, const model::Taxonomy& taxonomy, Prompter& prompter);
void prompt_recipient(RecipientFlags& flags, Prompter& prompter);
void prompt_cookie(CookieFlags& flags, Prompter& prompter);

}  // namespace gdprctl::authoring
