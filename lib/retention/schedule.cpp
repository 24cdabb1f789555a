#include "retention/schedule.hpp"

#include "model/retention.hpp"

#include <algorithm>

namespace gdprctl::retention {

std::string_view to_string(RowStatus status) {
    switch (status) {
        case RowStatus::set:
            return "set";
        case RowStatus::undetermined:
            return "undetermined";
        case RowStatus::invalid:
            return "invalid";
        case RowStatus::missing:
            return "missing";
    }
    return "set";
}

std::size_t Schedule::gaps() const {
    return static_cast<std::size_t>(
        std::count_if(rows.begin(), rows.end(), [](const auto& row) { return row.status != RowStatus::set; }));
}

Schedule build_schedule(const model::Register& reg) {
    Schedule schedule;
    for (const auto& system : reg.systems) {
        auto base = [&](const model::Located& where) {
            ScheduleRow row;
            row.system = system.id;
            row.system_name = system.name;
            row.owner = system.owner;
            row.file = reg.file_of(where);
            row.line = where.pos.line;
            return row;
        };
        for (const auto& rule : system.retention) {
            auto row = base(rule);
            row.data = rule.data;
            row.after = rule.after;
            row.action = std::string(model::to_string(rule.action));
            row.reason = rule.reason;
            if (rule.undetermined)
                row.status = RowStatus::undetermined;
            else if (!rule.period)
                row.status = RowStatus::invalid;
            else
                row.period = rule.period->to_string();
            schedule.rows.push_back(std::move(row));
        }
        auto gap = base(system);
        gap.status = RowStatus::missing;
        for (const auto& key : system.data) {
            if (!reg.taxonomy.contains(key)) continue;  // check reports it as an unknown category
            for (auto id : model::uncovered_by_retention(reg.taxonomy, system, key))
                if (std::find(gap.data.begin(), gap.data.end(), id) == gap.data.end()) gap.data.emplace_back(id);
        }
        if (!gap.data.empty()) {
            gap.reason = "no retention rule covers these categories";
            schedule.rows.push_back(std::move(gap));
        }
    }
    return schedule;
}

}  // namespace gdprctl::retention
