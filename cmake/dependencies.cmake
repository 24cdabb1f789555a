# Resolves the libraries gdprctl links. With GDPRCTL_STATIC_DEPS (the default) the Debian static
# archives are preferred: the dynamic loader's symbol resolution of five shared libraries was most
# of `gdprctl --version`'s start-up time (bench/RESULTS.md, "Start-up"), and the budget is 5 ms
# above /bin/true. Each dependency falls back to its shared library when no archive is installed.
option(GDPRCTL_STATIC_DEPS "Link yaml-cpp, SQLite, libcrypto, fmt and libstdc++ statically when possible" ON)

find_package(Threads REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(fmt REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED)

add_library(gdprctl_deps_fmt INTERFACE)
add_library(gdprctl_deps_yaml INTERFACE)
add_library(gdprctl_deps_sqlite INTERFACE)
add_library(gdprctl_deps_crypto INTERFACE)
add_library(gdprctl_deps_edit INTERFACE)
add_library(gdprctl_deps_pq INTERFACE)

# libpq (Debian's libpq-dev) for the PostgreSQL store: only its header at build time. The library
# is loaded when a postgresql:// store is opened (lib/store/pg_connection.cpp), so that its two
# dozen shared libraries never slow down the start-up of a run on SQLite.
find_path(GDPRCTL_LIBPQ_INCLUDE NAMES libpq-fe.h PATH_SUFFIXES postgresql REQUIRED)
target_include_directories(gdprctl_deps_pq INTERFACE ${GDPRCTL_LIBPQ_INCLUDE})
target_link_libraries(gdprctl_deps_pq INTERFACE ${CMAKE_DL_LIBS})

# libedit (BSD licence) gives the questions of `init` and the `add` commands line editing and a
# history on a terminal; its archive needs the terminfo and libbsd archives beside it.
find_path(GDPRCTL_LIBEDIT_INCLUDE NAMES histedit.h REQUIRED)
if(GDPRCTL_STATIC_DEPS)
  find_library(GDPRCTL_LIBEDIT_ARCHIVE NAMES libedit.a)
  find_library(GDPRCTL_TINFO_ARCHIVE NAMES libtinfo.a)
  find_library(GDPRCTL_BSD_ARCHIVE NAMES libbsd.a)
  find_library(GDPRCTL_MD_ARCHIVE NAMES libmd.a)
endif()
target_include_directories(gdprctl_deps_edit INTERFACE ${GDPRCTL_LIBEDIT_INCLUDE})
if(GDPRCTL_STATIC_DEPS AND GDPRCTL_LIBEDIT_ARCHIVE AND GDPRCTL_TINFO_ARCHIVE AND GDPRCTL_BSD_ARCHIVE AND GDPRCTL_MD_ARCHIVE)
  target_link_libraries(gdprctl_deps_edit INTERFACE
    ${GDPRCTL_LIBEDIT_ARCHIVE} ${GDPRCTL_TINFO_ARCHIVE} ${GDPRCTL_BSD_ARCHIVE} ${GDPRCTL_MD_ARCHIVE})
else()
  find_library(GDPRCTL_LIBEDIT_SHARED NAMES edit REQUIRED)
  target_link_libraries(gdprctl_deps_edit INTERFACE ${GDPRCTL_LIBEDIT_SHARED})
endif()

if(GDPRCTL_STATIC_DEPS)
  find_library(GDPRCTL_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a)
  find_library(GDPRCTL_SQLITE3_ARCHIVE NAMES libsqlite3.a)
  find_library(GDPRCTL_CRYPTO_ARCHIVE NAMES libcrypto.a)
endif()

if(GDPRCTL_STATIC_DEPS)
  # Debian ships no libfmt.a, and the header-only mode compiles fmt's implementation into every
  # translation unit. lib/third_party/fmt_once.cpp compiles it once into a static library instead.
  get_target_property(fmt_includes fmt::fmt INTERFACE_INCLUDE_DIRECTORIES)
  add_library(gdprctl_fmt STATIC ${PROJECT_SOURCE_DIR}/lib/third_party/fmt_once.cpp)
  target_include_directories(gdprctl_fmt SYSTEM PUBLIC ${fmt_includes})
  set_target_properties(gdprctl_fmt PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_link_libraries(gdprctl_deps_fmt INTERFACE gdprctl_fmt)
else()
  target_link_libraries(gdprctl_deps_fmt INTERFACE fmt::fmt)
endif()

if(GDPRCTL_STATIC_DEPS AND GDPRCTL_YAML_CPP_ARCHIVE)
  get_target_property(yaml_includes yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
  target_include_directories(gdprctl_deps_yaml INTERFACE ${yaml_includes})
  target_link_libraries(gdprctl_deps_yaml INTERFACE ${GDPRCTL_YAML_CPP_ARCHIVE})
else()
  target_link_libraries(gdprctl_deps_yaml INTERFACE yaml-cpp)
endif()

if(GDPRCTL_STATIC_DEPS AND GDPRCTL_SQLITE3_ARCHIVE)
  target_include_directories(gdprctl_deps_sqlite INTERFACE ${SQLite3_INCLUDE_DIRS})
  target_link_libraries(gdprctl_deps_sqlite INTERFACE ${GDPRCTL_SQLITE3_ARCHIVE} ${CMAKE_DL_LIBS} m Threads::Threads)
else()
  target_link_libraries(gdprctl_deps_sqlite INTERFACE SQLite::SQLite3)
endif()

if(GDPRCTL_STATIC_DEPS AND GDPRCTL_CRYPTO_ARCHIVE)
  target_include_directories(gdprctl_deps_crypto INTERFACE ${OPENSSL_INCLUDE_DIR})
  target_link_libraries(gdprctl_deps_crypto INTERFACE ${GDPRCTL_CRYPTO_ARCHIVE} ${CMAKE_DL_LIBS} Threads::Threads)
else()
  target_link_libraries(gdprctl_deps_crypto INTERFACE OpenSSL::Crypto)
endif()

# A position-dependent executable skips the start-up relocation of its ~23,000 relative
# relocations (measured: --version +2.9 ms above /bin/true instead of +5.2 ms), at the price of
# ASLR for the executable's own code. Off by default: gdprctl reads register files from pull
# requests in CI, where that hardening is worth more than 2 ms.
option(GDPRCTL_NO_PIE "Link gdprctl as a position-dependent executable for faster start-up" OFF)

# Compact relative relocations (DT_RELR: binutils >= 2.38, glibc >= 2.36, as on Debian 12) keep
# the executable position-independent and still cut about a millisecond of start-up.
include(CheckLinkerFlag)
check_linker_flag(CXX "-Wl,-z,pack-relative-relocs" GDPRCTL_HAVE_RELR)

# Links a program with libstdc++ and libgcc statically, for the same start-up reason.
function(gdprctl_static_runtime target)
  if(GDPRCTL_STATIC_DEPS)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
  if(GDPRCTL_HAVE_RELR)
    target_link_options(${target} PRIVATE -Wl,-z,pack-relative-relocs)
  endif()
  if(GDPRCTL_NO_PIE)
    target_link_options(${target} PRIVATE -no-pie)
  endif()
endfunction()
