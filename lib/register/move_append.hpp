#pragma once

#include <iterator>
#include <vector>

namespace gdprctl::reg {

// Moves `from` to the end of `into` and releases `from`'s storage at once, so that a file's part
// and the merged register (or a streamed list and its file's part) never both hold every item.
template <typename T>
void move_append(std::vector<T>& into, std::vector<T>& from) {
    if (into.empty()) {
        into.swap(from);
    } else {
        into.insert(into.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    }
    std::vector<T>().swap(from);
}

}  // namespace gdprctl::reg
