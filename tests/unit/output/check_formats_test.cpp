#include "output/check_formats.hpp"

#include <catch2/catch.hpp>

#include "errors.hpp"

#include <set>
#include <sstream>

using namespace gdprctl;

namespace {

diag::Diagnostic sample() {
    diag::Diagnostic d;
    d.rule_id = "lawful-basis-unknown";
    d.severity = diag::Severity::error;
    d.path = "systems/crm.yaml";
    d.pos = {13, 16};
    d.message = "`basis` has an unknown value `consnet`";
    d.article = "GDPR Art. 6(1)";
    d.hint = "did you mean `consent`?";
    d.source_line = "        basis: consnet";
    return d;
}

check::CheckResult result_with(std::vector<diag::Diagnostic> diagnostics) {
    check::CheckResult result;
    result.root = "/ws";
    result.files = {"gdpr.yaml", "systems/crm.yaml"};
    result.diagnostics = std::move(diagnostics);
    return result;
}

}  // namespace

TEST_CASE("a diagnostic renders as location, message, source line, caret and hint", "[output]") {
    CHECK(output::render_diagnostic(sample(), "examples/ws/") ==
          "examples/ws/systems/crm.yaml:13:16: error[lawful-basis-unknown]: `basis` has an unknown value `consnet` "
          "(GDPR Art. 6(1))\n"
          "            basis: consnet\n"
          "                   ^\n"
          "  hint: did you mean `consent`?\n");
}

TEST_CASE("the caret keeps tabs of the source line", "[output]") {
    auto d = sample();
    d.source_line = "\tbasis: x";
    d.pos = {1, 9};
    d.hint.clear();
    d.article.clear();
    auto text = output::render_diagnostic(d, "");
    CHECK(text.find("    \tbasis: x\n    \t       ^\n") != std::string::npos);
}

TEST_CASE("text output ends with a summary", "[output]") {
    std::ostringstream out;
    output::write_check_text(out, result_with({sample()}), {});
    CHECK(out.str().substr(out.str().rfind("1 error")) == "1 error, 0 warnings in 2 register files\n");
    std::ostringstream clean;
    output::write_check_text(clean, result_with({}), {});
    CHECK(clean.str() == "2 register files checked: no findings\n");
}

TEST_CASE("GitHub workflow commands escape data and properties", "[output][github]") {
    CHECK(output::github_escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext");
    CHECK(output::github_escape_property("a:b,c%") == "a%3Ab%2Cc%25");
    std::ostringstream out;
    output::write_check_github(out, result_with({sample()}), {});
    CHECK(out.str() ==
          "::error file=systems/crm.yaml,line=13,col=16,title=lawful-basis-unknown (GDPR Art. 6(1))::`basis` has an "
          "unknown value `consnet`%0Ahint: did you mean `consent`?\n");
}

TEST_CASE("JUnit output has a failing test case per file and rule", "[output][junit]") {
    std::ostringstream out;
    output::write_check_junit(out, result_with({sample()}), {});
    auto xml = out.str();
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
    CHECK(xml.find("<testsuite name=\"systems/crm.yaml\"") != std::string::npos);
    CHECK(xml.find("failures=\"1\"") != std::string::npos);
    CHECK(xml.find("<failure type=\"error\" message=\"`basis` has an unknown value `consnet`\">") != std::string::npos);
    CHECK(output::xml_escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
}

TEST_CASE("findings below --fail-on go to system-out in JUnit", "[output][junit]") {
    auto warning = sample();
    warning.severity = diag::Severity::warning;
    std::ostringstream out;
    output::write_check_junit(out, result_with({warning}), {});  // default --fail-on error
    CHECK(out.str().find("<failure") == std::string::npos);
    CHECK(out.str().find("<system-out>") != std::string::npos);
}

TEST_CASE("exit status follows --fail-on", "[check]") {
    auto warning = sample();
    warning.severity = diag::Severity::warning;
    auto only_warning = result_with({warning});
    CHECK(check::exit_status(only_warning, check::FailOn::error) == 0);
    CHECK(check::exit_status(only_warning, check::FailOn::warning) == 1);
    CHECK(check::exit_status(result_with({sample()}), check::FailOn::never) == 0);
    CHECK(check::exit_status(result_with({sample()}), check::FailOn::error) == 1);
    CHECK_THROWS_AS(check::parse_fail_on("errors"), gdprctl::UsageError);
}

TEST_CASE("SARIF stops at GitHub's 25,000 results and says so", "[output][sarif]") {
    std::vector<diag::Diagnostic> many(output::max_sarif_results + 3, sample());
    for (std::size_t i = 0; i < many.size(); ++i) many[i].pos.line = static_cast<int>(i + 1);
    std::ostringstream out;
    output::write_check_sarif(out, result_with(many), {});
    auto text = out.str();
    std::size_t results = 0;
    for (auto at = text.find("\"ruleId\""); at != std::string::npos; at = text.find("\"ruleId\"", at + 1)) ++results;
    CHECK(results == output::max_sarif_results);
    CHECK(text.find("25000 of 25003 findings are written") != std::string::npos);
}

TEST_CASE("SARIF paths carry the repository prefix, encoded, with no machine path", "[output][sarif]") {
    auto d = sample();
    d.path = "systems/a b.yaml";
    output::CheckOutputOptions options;
    options.path_prefix = "register/";
    std::ostringstream out;
    output::write_check_sarif(out, result_with({d}), options);
    CHECK(out.str().find("\"uri\": \"register/systems/a%20b.yaml\"") != std::string::npos);
    CHECK(out.str().find("/ws") == std::string::npos);
    CHECK(out.str().find("originalUriBaseIds") == std::string::npos);
    CHECK(out.str().find("\"snippet\": {\n") != std::string::npos);
}

TEST_CASE("GitLab Code Quality issues have unique fingerprints", "[output][gitlab]") {
    output::CheckOutputOptions options;
    options.path_prefix = "register/";
    std::ostringstream out;
    output::write_check_gitlab(out, result_with({sample(), sample()}), options);
    auto text = out.str();
    CHECK(text.find("\"path\": \"register/systems/crm.yaml\"") != std::string::npos);
    CHECK(text.find("\"severity\": \"major\"") != std::string::npos);
    auto first = text.find("\"fingerprint\": \"");
    auto second = text.find("\"fingerprint\": \"", first + 1);
    REQUIRE(second != std::string::npos);
    CHECK(text.substr(first + 16, 32) != text.substr(second + 16, 32));
}

TEST_CASE("JUnit classnames are dotted, without slashes", "[output][junit]") {
    CHECK(output::junit_classname("examples/unexus/systems/crm.yaml") == "examples.unexus.systems.crm");
    CHECK(output::junit_classname("gdpr.yaml") == "gdpr");
    CHECK(output::junit_classname("a.b/c.d.yml") == "a_b.c_d");
}

TEST_CASE("every check format is in the table once", "[output]") {
    std::set<std::string_view> names;
    for (const auto& format : output::check_formats()) CHECK(names.insert(format.name).second);
    CHECK(names == std::set<std::string_view>{"text", "json", "sarif", "junit", "github", "gitlab"});
    CHECK(output::choose_format(output::check_formats(), "gitlab").name == "gitlab");
    CHECK_THROWS_AS(output::choose_format(output::check_formats(), "xml"), gdprctl::UsageError);
}
