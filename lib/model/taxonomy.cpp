#include "model/taxonomy.hpp"

namespace gdprctl::model {
namespace {

struct BuiltIn {
    const char* id;
    const char* name;
    DataClass data_class;
};

constexpr DataClass O = DataClass::ordinary;
constexpr DataClass S = DataClass::special;
constexpr DataClass C = DataClass::criminal;

constexpr BuiltIn built_in_categories[] = {
    {"identity", "Identity data", O},
    {"identity.name", "First and last name", O},
    {"identity.date-of-birth", "Date of birth", O},
    {"identity.gender", "Gender", O},
    {"identity.national-id", "National identification number", O},
    {"identity.id-document", "Copy of an identity document", O},
    {"identity.photo", "Photograph", O},
    {"identity.signature", "Signature", O},
    {"identity.nationality", "Nationality", O},
    {"contact", "Contact details", O},
    {"contact.email", "E-mail address", O},
    {"contact.phone", "Phone number", O},
    {"contact.address", "Postal address", O},
    {"financial", "Financial data", O},
    {"financial.bank-account", "Bank account number", O},
    {"financial.payment-card", "Payment card details", O},
    {"financial.transactions", "Payments and orders", O},
    {"financial.invoices", "Invoices", O},
    {"financial.credit-score", "Credit score", O},
    {"financial.salary", "Salary and benefits", O},
    {"online", "Online identifiers and activity", O},
    {"online.ip-address", "IP address", O},
    {"online.cookie-id", "Cookie and device identifiers", O},
    {"online.device", "Internet browser and device type", O},
    {"online.website-activity", "Activity on the website", O},
    {"location", "Location data", O},
    {"location.precise", "Precise location (GPS)", O},
    {"location.approximate", "Approximate location", O},
    {"location.cell", "Mobile network cell location", O},
    {"communications", "Communications data", O},
    {"communications.content", "Content of messages and correspondence", O},
    {"communications.call-records", "Call detail records", O},
    {"communications.traffic-data", "Traffic and usage data", O},
    {"account", "Account data", O},
    {"account.username", "User name", O},
    {"account.credentials", "Password hash and other credentials", O},
    {"account.profile", "Profile data the user provides", O},
    {"account.preferences", "Settings and preferences", O},
    {"employment", "Employment data", O},
    {"employment.cv", "CV and application", O},
    {"employment.contract", "Employment contract", O},
    {"employment.performance", "Performance reviews", O},
    {"special", "Special categories of personal data (Art. 9(1))", S},
    {"special.racial-ethnic-origin", "Racial or ethnic origin", S},
    {"special.political-opinions", "Political opinions", S},
    {"special.religious-beliefs", "Religious or philosophical beliefs", S},
    {"special.trade-union", "Trade-union membership", S},
    {"special.genetic", "Genetic data", S},
    {"special.biometric", "Biometric data for unique identification", S},
    {"special.health", "Data concerning health", S},
    {"special.sex-life", "Sex life or sexual orientation", S},
    {"criminal", "Criminal convictions and offences (Art. 10)", C},
    {"criminal.convictions", "Criminal convictions", C},
    {"criminal.offences", "Offences and related security measures", C},
};

std::string_view parent_of(std::string_view id) {
    auto dot = id.rfind('.');
    return dot == std::string_view::npos ? std::string_view{} : id.substr(0, dot);
}

}  // namespace

Taxonomy::Taxonomy() {
    for (const auto& entry : built_in_categories) add({entry.id, entry.name, entry.data_class, true});
}

void Taxonomy::add(DataCategory category) {
    if (category.data_class == DataClass::ordinary) category.data_class = class_of(category.id);
    auto [it, inserted] = index_.try_emplace(category.id, categories_.size());
    if (inserted)
        categories_.push_back(std::move(category));
    else
        categories_[it->second] = std::move(category);
}

const DataCategory* Taxonomy::find(std::string_view id) const {
    auto it = index_.find(std::string(id));
    return it == index_.end() ? nullptr : &categories_[it->second];
}

std::vector<std::string_view> Taxonomy::ids() const {
    std::vector<std::string_view> result;
    result.reserve(categories_.size());
    for (const auto& category : categories_) result.push_back(category.id);
    return result;
}

DataClass Taxonomy::class_of(std::string_view id) const {
    for (auto key = id; !key.empty(); key = parent_of(key)) {
        if (const auto* category = find(key); category && category->data_class != DataClass::ordinary)
            return category->data_class;
    }
    auto root = id.substr(0, id.find('.'));
    if (root == "special") return DataClass::special;
    if (root == "criminal") return DataClass::criminal;
    return DataClass::ordinary;
}

bool Taxonomy::covers(std::string_view ancestor, std::string_view id) {
    if (ancestor == id) return true;
    return id.size() > ancestor.size() && id.substr(0, ancestor.size()) == ancestor && id[ancestor.size()] == '.';
}

}  // namespace gdprctl::model
