# Turns text files (SQL migrations, JSON Schemas) into a C++ source at build time, so the
# binary carries them and never reads them from an install path.
# embed_text_files(TARGET <lib> NAMESPACE <ns> OUTPUT <name> FILES <f>...)
function(embed_text_files)
  cmake_parse_arguments(EMBED "" "TARGET;NAMESPACE;OUTPUT" "FILES" ${ARGN})
  set(out_cpp ${CMAKE_CURRENT_BINARY_DIR}/${EMBED_OUTPUT}.cpp)
  # A list's ';' would end the shell command after the first file: pass the files '|'-separated.
  string(REPLACE ";" "|" files_arg "${EMBED_FILES}")
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNAMESPACE=${EMBED_NAMESPACE}
            "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${EMBED_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${EMBED_OUTPUT}"
    VERBATIM)
  target_sources(${EMBED_TARGET} PRIVATE ${out_cpp})
endfunction()
