# Every third-party dependency is found here, once. The Debian packages that provide
# them are listed in scripts/packages.txt.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network Sql Concurrent Test)
if(BK_BUILD_UI)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Gui Widgets Charts WebEngineWidgets LinguistTools)
endif()
find_package(Qt6Keychain REQUIRED)
find_package(spdlog REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(MHD REQUIRED IMPORTED_TARGET libmicrohttpd)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
find_package(QuaZip-Qt6 REQUIRED)

# libphonenumber ships neither a CMake nor a pkg-config file.
find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
find_package(Protobuf REQUIRED)
add_library(bk_phonenumber INTERFACE)
target_include_directories(bk_phonenumber SYSTEM INTERFACE ${PHONENUMBER_INCLUDE_DIR})
target_link_libraries(bk_phonenumber INTERFACE ${PHONENUMBER_LIBRARY} protobuf::libprotobuf)
