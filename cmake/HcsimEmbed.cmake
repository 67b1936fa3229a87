# hcsim_embed_text(OUTPUT_CPP SYMBOL INPUT): generates a C++ source defining
#   extern const std::string_view SYMBOL;
# holding the bytes of INPUT, so default parameter files ship inside the binary
# and stay readable (with their sources) as data files in the repository.
function(hcsim_embed_text output_cpp symbol input)
  add_custom_command(
    OUTPUT "${output_cpp}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${input} -DOUTPUT=${output_cpp} -DSYMBOL=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/HcsimEmbedScript.cmake"
    DEPENDS "${input}" "${PROJECT_SOURCE_DIR}/cmake/HcsimEmbedScript.cmake"
    COMMENT "Embedding ${input}")
endfunction()
