# Compile options shared by every cadence target: cadence_compile_options(target).
add_library(cadence_options INTERFACE)
target_compile_options(cadence_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
if(CADENCE_WERROR)
  target_compile_options(cadence_options INTERFACE -Werror)
endif()
if(CADENCE_SANITIZE)
  target_compile_options(cadence_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(cadence_options INTERFACE -fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC documents that -fsanitize=address makes -Wmaybe-uninitialized report
    # false positives (GCC 12 does so inside libstdc++'s <regex>); the normal
    # -Werror build keeps the warning on.
    target_compile_options(cadence_options INTERFACE -Wno-maybe-uninitialized)
  endif()
endif()
if(CADENCE_TSAN)
  if(CADENCE_SANITIZE)
    message(FATAL_ERROR "CADENCE_TSAN and CADENCE_SANITIZE cannot be combined")
  endif()
  # GCC 12 warns (-Wtsan) that TSan does not model atomic_thread_fence, which
  # Boost.Asio's handler dispatch uses; the handoffs it fences also pass
  # through mutexes TSan does see. A fence-only synchronisation TSan misses
  # would show as a report, never as silence, so the warning is not an error.
  target_compile_options(cadence_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer
                                                   -Wno-tsan)
  target_link_options(cadence_options INTERFACE -fsanitize=thread)
endif()
if(CADENCE_FUZZ)
  # Coverage instrumentation for libFuzzer in every library; the harnesses in
  # fuzz/ link the fuzzer's main.
  target_compile_options(cadence_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
target_compile_definitions(cadence_options INTERFACE CADENCE_VERSION="${PROJECT_VERSION}")
target_include_directories(cadence_options INTERFACE
  ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)

# cadence_area_library(NAME DEPS...): a static library of every .cpp in the
# current source directory (one library per area under src/).
function(cadence_area_library name)
  file(GLOB _sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(${name} STATIC ${_sources})
  set_target_properties(${name} PROPERTIES LINKER_LANGUAGE CXX)
  target_link_libraries(${name} PUBLIC cadence_options ${ARGN})
endfunction()

# The tests' own code (not the code under test, which keeps the build type's
# flags) is compiled for debugging: -Og keeps full debug info and costs about
# half the compile time of -O2 (docs/PERFORMANCE.md "Build and CI"). It comes
# after the build type's -O2/-O1 on the command line, so it wins. Benchmarks
# keep the build type's optimisation: their loops are what they measure.
set(CADENCE_TEST_OPTIMIZATION "-Og" CACHE STRING
    "Optimisation flag for test sources (empty: the build type's)")
function(cadence_test_compile_options target)
  if(CADENCE_TEST_OPTIMIZATION)
    target_compile_options(${target} PRIVATE ${CADENCE_TEST_OPTIMIZATION})
  endif()
endfunction()

# cadence_area_tests(NAME DEPS...): one GoogleTest binary of every *_test.cpp in
# the current test directory, registered with ctest.
function(cadence_area_tests name)
  file(GLOB _sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp)
  if(NOT _sources)
    # An area whose tests are not written yet has no test binary (ctest lists none).
    return()
  endif()
  add_executable(${name} ${_sources})
  target_link_libraries(${name} PRIVATE cadence_options cadence_test_support
                        GTest::gtest_main GTest::gmock ${ARGN})
  cadence_test_compile_options(${name})
  target_compile_definitions(${name} PRIVATE
    CADENCE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    CADENCE_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
                       PROPERTIES TIMEOUT 300)
endfunction()
