# One INTERFACE target carries the compiler settings every Bridgekeeper target uses.
add_library(bk_settings INTERFACE)
target_compile_features(bk_settings INTERFACE cxx_std_20)
target_compile_options(bk_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local
                                             -Wno-missing-field-initializers)
target_compile_definitions(bk_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    QT_MESSAGELOGCONTEXT)

# Adds a core module: a static library named bk_<name> from the sources given,
# with its folder's parent on the include path so headers read "store/Database.h".
function(bk_add_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_library(bk_${name} STATIC ${ARG_SOURCES})
    target_include_directories(bk_${name} PUBLIC ${PROJECT_SOURCE_DIR}/core)
    target_link_libraries(bk_${name} PUBLIC bk_settings ${ARG_LIBS})
    set_target_properties(bk_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
