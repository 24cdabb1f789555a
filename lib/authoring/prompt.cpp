#include "authoring/prompt.hpp"

#include "authoring/candidate.hpp"
#include "diag/suggest.hpp"
#include "errors.hpp"
#include "model/vocabulary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <istream>
#include <ostream>

namespace gdprctl::authoring {
namespace {

std::string trim(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

void not_blank(const std::string&) {}

}  // namespace

std::string Prompter::ask(const std::string& question, const std::function<void(const std::string&)>& validate,
                          bool optional) {
    while (true) {
        out_ << question << (optional ? " (optional)" : "") << ": " << std::flush;
        std::string line;
        if (!std::getline(in_, line))
            throw UsageError("input ended before every question was answered; nothing was written");
        line = trim(line);
        if (line.empty()) {
            if (optional) return line;
            out_ << "  an answer is needed\n";
            continue;
        }
        try {
            if (validate) validate(line);
            return line;
        } catch (const UsageError& error) {
            out_ << "  " << error.what() << '\n';
            if (!error.hint().empty()) out_ << "  hint: " << error.hint() << '\n';
        }
    }
}

std::vector<std::string> Prompter::ask_list(const std::string& question,
                                            const std::function<void(const std::string&)>& validate, bool optional) {
    while (true) {
        auto answer = ask(question + " (comma-separated)", {}, optional);
        std::vector<std::string> items;
        std::size_t begin = 0;
        while (begin <= answer.size()) {
            auto comma = answer.find(',', begin);
            auto item = trim(answer.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
            if (!item.empty()) items.push_back(item);
            if (comma == std::string::npos) break;
            begin = comma + 1;
        }
        try {
            for (const auto& item : items)
                if (validate) validate(item);
            return items;
        } catch (const UsageError& error) {
            out_ << "  " << error.what() << '\n';
            if (!error.hint().empty()) out_ << "  hint: " << error.hint() << '\n';
        }
    }
}

void prompt_init(InitOptions& options, Prompter& p) {
    auto check = [](const char* field) {
        return [field](const std::string& value) { validate_init_field(field, value); };
    };
    if (options.org.empty()) options.org = p.ask("Organisation name (the controller)", check("org"));
    if (options.country.empty()) options.country = p.ask("Country (ISO 3166-1 alpha-2, e.g. NL)", check("country"));
    if (options.contact.empty()) options.contact = p.ask("Privacy contact (e-mail address or phone)", check("contact"));
    if (options.responsible.empty())
        options.responsible = p.ask("Responsible person (role or name)", check("responsible"));
    if (options.authority.empty())
        options.authority = p.ask("Supervisory authority (e.g. Autoriteit Persoonsgegevens)", check("authority"));
}

void prompt_system(SystemFlags& flags, const model::Taxonomy& taxonomy, Prompter& p) {
    if (flags.id.empty())
        flags.id = p.ask("System id (e.g. crm)", [](const std::string& v) { validate_id(v, "system"); });
    if (flags.name.empty()) flags.name = p.ask("Name", not_blank);
    if (flags.owner.empty()) flags.owner = p.ask("Owner (team or role)", not_blank);
    if (flags.subjects.empty()) flags.subjects = p.ask_list("Data subjects (e.g. customer, employee)");
    auto ids = taxonomy.ids();
    auto known_category = [&](const std::string& key) {
        if (!taxonomy.contains(key)) {
            auto hint = diag::did_you_mean(key, ids);
            throw UsageError(fmt::format("`{}` is not a data category", key),
                             hint.empty() ? "pick a key from the list above" : hint);
        }
    };
    if (flags.data.empty()) {
        p.out() << "Data categories (a parent key such as `contact` covers its children):\n";
        for (const auto& category : taxonomy.categories())
            p.out() << fmt::format("  {:<32} {}\n", category.id, category.name);
        flags.data = p.ask_list("Data", known_category);
    }
    if (flags.purposes.empty()) {
        p.out() << fmt::format("Purposes are ID:BASIS; the lawful bases of Art. 6(1) are {}\n",
                               diag::one_of(model::lawful_basis_names()));
        flags.purposes = p.ask_list("Purposes (e.g. service-delivery:contract)", validate_purpose_flag);
    }
    if (flags.retention.empty()) {
        auto rule = p.ask(
            "Retention as CATS:PERIOD[:AFTER], categories joined by '+' (e.g. contact+identity:P2Y:end-of-contract)",
            [](const std::string& v) {
                std::string text = v;
                std::replace(text.begin(), text.end(), '+', ',');
                validate_retention_flag(text);
            },
            true);
        std::replace(rule.begin(), rule.end(), '+', ',');
        if (!rule.empty()) flags.retention.push_back(rule);
    }
    if (flags.security.empty())
        flags.security = p.ask_list("Security measures (e.g. tls, access-control, backups)", {}, true);
}

void prompt_recipient(RecipientFlags& flags, Prompter& p) {
    auto check = [&flags](std::string RecipientFlags::*member) {
        return [&flags, member](const std::string& value) {
            RecipientFlags probe;
            probe.*member = value;
            validate_recipient_flags(probe);
        };
    };
    if (flags.id.empty()) flags.id = p.ask("Recipient id (e.g. mailer-co)", check(&RecipientFlags::id));
    if (flags.name.empty()) flags.name = p.ask("Name", not_blank);
    if (flags.role.empty())
        flags.role =
            p.ask(fmt::format("Role ({})", diag::one_of(model::recipient_role_names())), check(&RecipientFlags::role));
    if (flags.country.empty()) flags.country = p.ask("Country (ISO 3166-1 alpha-2)", check(&RecipientFlags::country));
}

void prompt_cookie(CookieFlags& flags, Prompter& p) {
    auto check = [](std::string CookieFlags::*member) {
        return [member](const std::string& value) {
            CookieFlags probe;
            probe.*member = value;
            validate_cookie_flags(probe);
        };
    };
    if (flags.name.empty()) flags.name = p.ask("Cookie name", not_blank);
    if (flags.provider.empty()) flags.provider = p.ask("Provider (a recipient id, or first-party)", not_blank);
    if (flags.category.empty())
        flags.category = p.ask(fmt::format("Category ({})", diag::one_of(model::cookie_category_names())),
                               check(&CookieFlags::category));
    if (flags.expiry.empty())
        flags.expiry = p.ask("Expiry (ISO 8601 duration such as P13M, or session)", check(&CookieFlags::expiry));
}

}  // namespace gdprctl::authoring
