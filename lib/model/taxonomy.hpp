#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gdprctl::model {

// How the law treats a category of personal data.
enum class DataClass { ordinary, special, criminal };  // special: Art. 9(1); criminal: Art. 10

struct DataCategory {
    std::string id;  // dotted and hierarchical: "contact.email"; a parent key covers its children
    std::string name;
    DataClass data_class = DataClass::ordinary;
    bool built_in = true;
};

// The built-in data categories plus the organisation's additions from gdpr.yaml `taxonomy:`.
class Taxonomy {
public:
    Taxonomy();  // the built-in categories

    // Adds an organisation category; its class is inherited from its parent group when known.
    void add(DataCategory category);

    const DataCategory* find(std::string_view id) const;
    bool contains(std::string_view id) const { return find(id) != nullptr; }
    const std::vector<DataCategory>& categories() const { return categories_; }
    std::vector<std::string_view> ids() const;

    // Special (Art. 9) or criminal (Art. 10) class of a key, taken from the key or its ancestors.
    DataClass class_of(std::string_view id) const;

    // True when `ancestor` equals `id` or is one of its dotted parents ("contact" covers
    // "contact.email").
    static bool covers(std::string_view ancestor, std::string_view id);
    // True when either key covers the other: the two name overlapping data ("contact" and
    // "contact.email"), e.g. a purpose's data and a system's, or a retention rule's and a record's.
    static bool related(std::string_view a, std::string_view b) { return covers(a, b) || covers(b, a); }

private:
    std::vector<DataCategory> categories_;
    std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace gdprctl::model
