#include "model/register.hpp"

namespace gdprctl::model {

diag::Position Located::at(std::string_view field) const {
    for (const auto& [name, position] : field_positions)
        if (name == field) return position;
    return pos;
}

bool Located::has(std::string_view field) const {
    for (const auto& entry : field_positions)
        if (entry.first == field) return true;
    return false;
}

const System* Register::find_system(std::string_view id) const {
    for (const auto& system : systems)
        if (system.id == id) return &system;
    return nullptr;
}

const Recipient* Register::find_recipient(std::string_view id) const {
    for (const auto& recipient : recipients)
        if (recipient.id == id) return &recipient;
    return nullptr;
}

const std::string& Register::file_of(const Located& entity) const {
    static const std::string none;
    if (entity.file < 0 || static_cast<std::size_t>(entity.file) >= files.size()) return none;
    return files[static_cast<std::size_t>(entity.file)];
}

}  // namespace gdprctl::model
