#include "commands/output_file.hpp"

#include "edit/atomic_file.hpp"

#include <fmt/format.h>

#include <ostream>

namespace gdprctl::cli {

void write_output(Context& context, const std::string& output, std::string_view text) {
    if (output.empty() || output == "-" || output == "/dev/stdout") {
        context.out->write(text.data(), static_cast<std::streamsize>(text.size()));
        context.out->flush();
        return;
    }
    edit::write_atomically(edit::read_snapshot(output), text);
    if (!context.options.quiet) *context.err << fmt::format("gdprctl: wrote {}\n", output);
}

}  // namespace gdprctl::cli
