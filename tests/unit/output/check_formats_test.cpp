#include "output/check_formats.hpp"

#include <catch2/catch.hpp>

#include "errors.hpp"

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
    output::write_check_junit(out, result_with({warning}), {"", check::FailOn::error, false, false});
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
