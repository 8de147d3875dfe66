// The whole public C++ API of facenapi.
#pragma once

#include <facenapi/error.hpp>
#include <facenapi/extraction_face.hpp>
#include <facenapi/extractor.hpp>
#include <facenapi/recognition.hpp>
#include <facenapi/store.hpp>
#include <facenapi/version.hpp>
