#include "model/retention.hpp"

#include <algorithm>

namespace gdprctl::model {

std::vector<std::string_view> uncovered_by_retention(const Taxonomy& taxonomy, const System& system,
                                                     std::string_view key) {
    auto any_rule = [&](auto&& test) {
        return std::any_of(system.retention.begin(), system.retention.end(),
                           [&](const auto& rule) { return std::any_of(rule.data.begin(), rule.data.end(), test); });
    };
    auto covered = [&](std::string_view id) {
        return any_rule([&](const std::string& k) { return Taxonomy::covers(k, id); });
    };
    if (covered(key)) return {};
    if (!any_rule([&](const std::string& k) { return Taxonomy::covers(key, k); })) return {key};
    std::vector<std::string_view> left;
    auto ids = taxonomy.ids();
    auto is_leaf = [&](std::string_view id) {
        return std::none_of(ids.begin(), ids.end(),
                            [&](auto other) { return other != id && Taxonomy::covers(id, other); });
    };
    for (auto id : ids)
        if (id != key && Taxonomy::covers(key, id) && !covered(id) && is_leaf(id)) left.push_back(id);
    return left;
}

}  // namespace gdprctl::model
