#include "report/text.hpp"

#include "support/string_makers.hpp"

using namespace gdprctl;
using report::humanise_duration;

namespace {
time::Duration duration(std::string_view text) {
    return *time::parse_duration(text);
}
}  // namespace

TEST_CASE("durations read as words", "[report]") {
    CHECK(humanise_duration(duration("P50M")) == "50 months");
    CHECK(humanise_duration(duration("P2Y")) == "2 years");
    CHECK(humanise_duration(duration("P1Y")) == "1 year");
    CHECK(humanise_duration(duration("P1D")) == "1 day");
    CHECK(humanise_duration(duration("P1Y6M")) == "1 year and 6 months");
    CHECK(humanise_duration(duration("P1Y2M3D")) == "1 year, 2 months and 3 days");
    CHECK(humanise_duration(duration("P2W")) == "14 days");
    CHECK(humanise_duration(duration("PT30M")) == "30 minutes");
    CHECK(humanise_duration(duration("PT1H30M")) == "1 hour and 30 minutes");
    CHECK(humanise_duration(time::Duration{}) == "0 days");
}

TEST_CASE("retention rules read as a sentence", "[report]") {
    model::RetentionRule rule;
    rule.period = duration("P2Y");
    rule.after = "end-of-contract";
    CHECK(report::humanise_retention(rule) == "2 years after end of contract");
    rule.action = model::RetentionAction::anonymise;
    rule.after.clear();
    CHECK(report::humanise_retention(rule) == "2 years, then anonymised");
    model::RetentionRule open;
    open.undetermined = true;
    CHECK(report::humanise_retention(open) == "undetermined");
}

TEST_CASE("HTML escaping covers text and attribute contexts", "[report]") {
    CHECK(report::html_escape("<script>alert('x') & \"y\"</script>") ==
          "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    CHECK(report::html_escape("plain text") == "plain text");
}

TEST_CASE("Markdown escaping keeps table cells intact", "[report]") {
    CHECK(report::md_escape("a | b") == "a \\| b");
    CHECK(report::md_escape("_ga *x*") == "\\_ga \\*x\\*");
    CHECK(report::md_escape("line\nbreak") == "line break");
    CHECK(report::md_code("_ga") == "`_ga`");
    CHECK(report::md_code("a`b") == "``a`b``");
    CHECK(report::md_code("a|b") == "`a\\|b`");
}

TEST_CASE("anchors contain only safe characters", "[report]") {
    CHECK(report::anchor("system", "crm") == "system-crm");
    CHECK(report::anchor("system", "Web Shop/EU") == "system-web-shop-eu");
    CHECK(report::anchor("system", "\"><script>") == "system-script");
    CHECK(report::anchor("", "A.b") == "a-b");
}

TEST_CASE("join_words uses a final 'and'", "[report]") {
    CHECK(report::join_words({}) == "");
    CHECK(report::join_words({"a"}) == "a");
    CHECK(report::join_words({"a", "b"}) == "a and b");
    CHECK(report::join_words({"a", "b", "c"}) == "a, b and c");
}
