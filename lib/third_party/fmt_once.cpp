// fmt's implementation, compiled once for the whole project.
//
// Debian 12 ships fmt 9.1 as a shared library only (no libfmt.a). Linking libfmt.so costs start-up
// time in the dynamic loader, and the header-only mode compiles format-inl.h into every translation
// unit (about 3.5 s of CPU each). This file plays the part of fmt's own src/format.cc: it compiles
// the inline implementation here and instantiates what format.h declares `extern template`, so
// every other file includes fmt/format.h without FMT_HEADER_ONLY and links this one object.
#include <fmt/format.h>

#if FMT_VERSION < 90000 || FMT_VERSION >= 100000
#error "fmt_once.cpp mirrors fmt 9.x's src/format.cc; check its explicit instantiations for this version"
#endif

#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template FMT_API auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

#ifndef FMT_STATIC_THOUSANDS_SEPARATOR
template FMT_API locale_ref::locale_ref(const std::locale& loc);
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;
#endif

template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API void buffer<char>::append(const char*, const char*);
template FMT_API void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                                 locale_ref);

template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<wchar_t>;
template FMT_API auto decimal_point_impl(locale_ref) -> wchar_t;
template FMT_API void buffer<wchar_t>::append(const wchar_t*, const wchar_t*);

}  // namespace detail
FMT_END_NAMESPACE
