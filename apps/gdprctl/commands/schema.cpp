#include "commands/commands.hpp"
#include "register/schemas.hpp"
#include "register/workspace.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::cli {
namespace {

struct SchemaWriteOptions {
    std::string dir;  // empty: <workspace>/.schemas
};

void run_schema_write(const SchemaWriteOptions& options, Context& context) {
    std::filesystem::path dir =
        options.dir.empty() ? context.workspace_root() / reg::schema_folder : std::filesystem::path(options.dir);
    auto written = reg::write_schemas(dir);
    if (context.options.quiet) return;
    auto names = reg::schema_names();
    if (written.empty())
        *context.out << fmt::format("{}: the schemas (version {}) are up to date\n", dir.string(), reg::schema_version());
    else
        *context.out << fmt::format("wrote {} into {} (schema version {})\n", fmt::join(written, ", "), dir.string(),
                                    reg::schema_version());
}

void add_schema_write(CLI::App& group, Context& context) {
    auto options = std::make_shared<SchemaWriteOptions>();
    auto* command = group.add_subcommand("write", "Write the JSON Schemas of the register files into a folder");
    command->footer(
        "Without DIR the schemas go to the workspace's .schemas/ folder. The modelines of the files that\n"
        "init and the add commands write point there relatively, so that editors with the YAML language\n"
        "server validate in any clone: commit .schemas/ with the register. Run it again after upgrading\n"
        "gdprctl; `check` warns (schema-outdated) while the workspace's copy is older than the binary's.\n"
        "Examples:\n"
        "  gdprctl schema write\n"
        "  gdprctl schema write /tmp/gdprctl-schemas");
    command->add_option("DIR", options->dir, "Folder to write into (default: <workspace>/.schemas)");
    command->callback([options, &context] { run_schema_write(*options, context); });
}

}  // namespace

void setup_schema(CLI::App& app, Context& context) {
    auto* group = app.add_subcommand("schema", "The JSON Schemas of the register files, for editors");
    group->require_subcommand(1);
    add_schema_write(*group, context);
}

}  // namespace gdprctl::cli
