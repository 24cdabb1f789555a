#include "authoring/line_reader.hpp"

#include <histedit.h>

#include <istream>
#include <ostream>

namespace gdprctl::authoring {

std::optional<std::string> StreamLineReader::read_line(const std::string& prompt) {
    out_ << prompt << std::flush;
    std::string line;
    if (!std::getline(in_, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

namespace {

class EditLineReader : public LineReader {
public:
    EditLineReader(std::FILE* in, std::FILE* out) {
        editor_ = el_init("gdprctl", in, out, out);
        history_ = history_init();
        HistEvent event;
        history(history_, &event, H_SETSIZE, 200);
        el_set(editor_, EL_EDITOR, "emacs");
        el_set(editor_, EL_HIST, history, history_);
        el_set(editor_, EL_CLIENTDATA, this);
        el_set(editor_, EL_PROMPT, &EditLineReader::prompt_of);
        el_set(editor_, EL_SIGNAL, 1);  // restore the terminal on Ctrl-C and window changes
    }
    ~EditLineReader() override {
        el_end(editor_);
        history_end(history_);
    }
    EditLineReader(const EditLineReader&) = delete;
    EditLineReader& operator=(const EditLineReader&) = delete;

    std::optional<std::string> read_line(const std::string& prompt) override {
        prompt_ = prompt;
        int count = 0;
        const char* text = el_gets(editor_, &count);
        if (!text || count <= 0) return std::nullopt;
        std::string line(text, static_cast<std::size_t>(count));
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
        if (line.find_first_not_of(" \t") != std::string::npos) {
            HistEvent event;
            history(history_, &event, H_ENTER, line.c_str());
        }
        return line;
    }

private:
    static char* prompt_of(EditLine* editor) {
        void* data = nullptr;
        el_get(editor, EL_CLIENTDATA, &data);
        return static_cast<EditLineReader*>(data)->prompt_.data();
    }

    EditLine* editor_ = nullptr;
    History* history_ = nullptr;
    std::string prompt_;
};

}  // namespace

std::unique_ptr<LineReader> make_terminal_line_reader(std::FILE* in, std::FILE* out) {
    return std::make_unique<EditLineReader>(in, out);
}

}  // namespace gdprctl::authoring
