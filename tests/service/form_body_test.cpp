// The join page's form bodies (application/x-www-form-urlencoded), as browsers send them.
#include <gtest/gtest.h>

#include "service/form_body.hpp"

namespace wk::service {
namespace {

TEST(FormBody, FieldsAreDecodedAsBrowsersEncodeThem) {
  const auto f = form_fields("phone=06+1234%205678&consent=yes&topic=schulden&lang=nl&empty=&flag");
  EXPECT_EQ(f.at("phone"), "06 1234 5678");
  EXPECT_EQ(f.at("consent"), "yes");
  EXPECT_EQ(f.at("empty"), "");
  EXPECT_EQ(f.at("flag"), "");
  EXPECT_EQ(form_fields("name=%C3%A9%c3%A9").at("name"), "éé");
  // A field sent twice keeps its first value; broken escapes stay as they came.
  EXPECT_EQ(form_fields("topic=werk&topic=zorg").at("topic"), "werk");
  EXPECT_EQ(form_fields("x=%G1%2").at("x"), "%G1%2");
  EXPECT_TRUE(form_fields("").empty());
  EXPECT_TRUE(form_fields("&&").empty());
}

}  // namespace
}  // namespace wk::service
