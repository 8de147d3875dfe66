// Accessors of one extracted face and its JSON form.
#include <string>

#include "c_internal.hpp"

using namespace facenapi::capi;

namespace {

int absent(const char* what) { return set_error(FACENAPI_ENOTFOUND, what); }

int copy_string(char* out, size_t capacity, size_t* needed, const std::string& s) {
  if (!needed) return invalid("needed is NULL");
  const size_t n = s.size() + 1;
  *needed = n;
  if (!out && capacity == 0) return FACENAPI_OK;
  if (!out || capacity < n) return set_error(FACENAPI_EBUFSIZE, "buffer too small");
  s.copy(out, s.size());
  out[s.size()] = '\0';
  return FACENAPI_OK;
}

}  // namespace

#define FACENAPI_FACE_OR_RETURN(face)       \
  const auto* face = face_at(faces, index); \
  if (!face) return FACENAPI_EINVAL

extern "C" {

int facenapi_face_bbox(facenapi_bbox_t* out, const facenapi_faces_t* faces, size_t index) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    FACENAPI_FACE_OR_RETURN(face);
    *out = {face->bbox.left, face->bbox.top, face->bbox.right, face->bbox.bottom};
    return FACENAPI_OK;
  });
}

int facenapi_face_detection_score(float* out, const facenapi_faces_t* faces, size_t index) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    FACENAPI_FACE_OR_RETURN(face);
    *out = face->detection_score;
    return FACENAPI_OK;
  });
}

int facenapi_face_landmarks(facenapi_point_t* out, size_t capacity, const facenapi_faces_t* faces,
                            size_t index) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    FACENAPI_FACE_OR_RETURN(face);
    if (capacity < face->landmarks.size()) {
      return set_error(FACENAPI_EBUFSIZE, "landmark buffer holds fewer than 68 points");
    }
    for (size_t i = 0; i < face->landmarks.size(); ++i) {
      out[i] = {face->landmarks[i].x, face->landmarks[i].y};
    }
    return FACENAPI_OK;
  });
}

int facenapi_face_pose(facenapi_pose_t* out, const facenapi_faces_t* faces, size_t index) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    FACENAPI_FACE_OR_RETURN(face);
    *out = {face->pose.yaw, face->pose.pitch, face->pose.roll};
    return FACENAPI_OK;
  });
}

int facenapi_face_score(float* out, const facenapi_faces_t* faces, size_t index) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    FACENAPI_FACE_OR_RETURN(face);
    *out = face->score;
    return FACENAPI_OK;
  });
}

int facenapi_face_facen(float* out, size_t capacity, size_t* needed, const facenapi_faces_t* faces,
                        size_t index) {
  return guard([&] {
    if (!needed) return invalid("needed is NULL");
    *needed = 0;
    FACENAPI_FACE_OR_RETURN(face);
    if (!face->facen) return absent("the facen was not computed");
    return copy_out(out, capacity, needed, face->facen->values.data(), face->facen->values.size(),
                    sizeof(float));
  });
}

int facenapi_face_facen_model_id(char* out, size_t capacity, size_t* needed,
                                 const facenapi_faces_t* faces, size_t index) {
  return guard([&] {
    if (!needed) return invalid("needed is NULL");
    *needed = 0;
    FACENAPI_FACE_OR_RETURN(face);
    if (!face->facen) return absent("the facen was not computed");
    return copy_string(out, capacity, needed, face->facen->model_id);
  });
}

int facenapi_face_facen_base64(char* out, size_t capacity, size_t* needed,
                               const facenapi_faces_t* faces, size_t index) {
  return guard([&] {
    if (!needed) return invalid("needed is NULL");
    *needed = 0;
    FACENAPI_FACE_OR_RETURN(face);
    if (!face->facen) return absent("the facen was not computed");
    return copy_string(out, capacity, needed, face->facen->to_base64());
  });
}

int facenapi_face_photo_hash(char* out, size_t capacity, size_t* needed,
                             const facenapi_faces_t* faces, size_t index) {
  return guard([&] {
    if (!needed) return invalid("needed is NULL");
    *needed = 0;
    FACENAPI_FACE_OR_RETURN(face);
    return copy_string(out, capacity, needed, face->photo_hash);
  });
}

int facenapi_face_normalized_png(unsigned char* out, size_t capacity, size_t* needed,
                                 const facenapi_faces_t* faces, size_t index) {
  return guard([&] {
    if (!needed) return invalid("needed is NULL");
    *needed = 0;
    FACENAPI_FACE_OR_RETURN(face);
    if (face->normalized.empty()) return absent("the normalized chip was not encoded");
    return copy_out(out, capacity, needed, face->normalized.data(), face->normalized.size(), 1);
  });
}

int facenapi_face_gender(int* gender, float* probability, const facenapi_faces_t* faces,
                         size_t index) {
  return guard([&] {
    if (!gender && !probability) return invalid("gender and probability are both NULL");
    FACENAPI_FACE_OR_RETURN(face);
    if (!face->gender) return absent("gender was not computed");
    if (gender) {
      *gender =
          *face->gender == facenapi::Gender::male ? FACENAPI_GENDER_MALE : FACENAPI_GENDER_FEMALE;
    }
    if (probability) *probability = face->gender_probability;
    return FACENAPI_OK;
  });
}

int facenapi_face_age(float* out, const facenapi_faces_t* faces, size_t index) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    FACENAPI_FACE_OR_RETURN(face);
    if (!face->age) return absent("age was not computed");
    *out = *face->age;
    return FACENAPI_OK;
  });
}

int facenapi_face_emotions(float* out, size_t capacity, const facenapi_faces_t* faces,
                           size_t index) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    FACENAPI_FACE_OR_RETURN(face);
    if (!face->emotions) return absent("emotions were not computed");
    if (capacity < facenapi::Emotions::kCount) {
      return set_error(FACENAPI_EBUFSIZE, "emotion buffer holds fewer than 7 values");
    }
    for (size_t i = 0; i < facenapi::Emotions::kCount; ++i)
      out[i] = face->emotions->probabilities[i];
    return FACENAPI_OK;
  });
}

const char* facenapi_emotion_name(size_t i) {
  return i < facenapi::Emotions::kCount ? facenapi::Emotions::kNames[i] : nullptr;
}

int facenapi_face_to_json(char** out, const facenapi_faces_t* faces, size_t index,
                          int include_normalized) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    *out = nullptr;
    FACENAPI_FACE_OR_RETURN(face);
    const std::string json = facenapi::to_json(*face, include_normalized != 0);
    *out = static_cast<char*>(malloc_copy(json.data(), json.size(), true));
    return FACENAPI_OK;
  });
}

}  // extern "C"
