# English needs no translation, only its plural forms: "1 dead letter", "2 dead letters"
# instead of "dead letter(s)". translations/bridgekeeper_en.ts is a plural-only catalogue
# (lupdate -pluralonly, kept by the bk_update_translations target); this compiles it and
# embeds it under :/i18n beside the Dutch one, where QTranslator::load(locale, "bridgekeeper",
# "_", ":/i18n") finds it for English locales.
function(bk_embed_english_plurals target)
    set(ts ${PROJECT_SOURCE_DIR}/translations/bridgekeeper_en.ts)
    set(qm ${CMAKE_CURRENT_BINARY_DIR}/bridgekeeper_en.qm)
    add_custom_command(OUTPUT ${qm}
        COMMAND Qt6::lrelease -silent ${ts} -qm ${qm}
        DEPENDS ${ts}
        COMMENT "Compiling the English plural forms for ${target}"
        VERBATIM)
    qt_add_resources(${target} ${target}_i18n_en PREFIX /i18n
        BASE ${CMAKE_CURRENT_BINARY_DIR} FILES ${qm})
endfunction()
