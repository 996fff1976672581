// The printed certificate read back as a person and a phone would: pdftotext (poppler-utils)
// finds the holder, the number and the dates; zbarimg (zbar-tools) reads the QR code, after
// pdftoppm has rendered the page (Debian's ImageMagick policy refuses PDF input).
#include "credentials/certificate_pdf.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/support/program_history.hpp"

namespace ctom::credentials {
namespace {

// What a shell command writes on stdout (the command's words are the test's own, no input).
std::string Output(const std::string& command) {
  std::string out;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  while (std::size_t read = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    out.append(buffer.data(), read);
  }
  ::pclose(pipe);
  return out;
}

TEST(CertificatePdf, ShowsHolderNumberAndDatesAndItsQrCodeIsTheVerificationUrl) {
  const CertificateFace face{"Ada Lovelace", "CCTO-2018-0001", "November 12, 2018",
                             "November 12, 2021", "https://ctom.example/verify/CCTO-2018-0001"};
  auto pdf = CertificatePdf(face);
  ASSERT_TRUE(pdf.has_value()) << pdf.error();
  ASSERT_EQ(pdf->substr(0, 5), "%PDF-");
  testing::ScratchFolder folder;
  const std::string file = folder.path() + "/certificate.pdf";
  std::ofstream(file, std::ios::binary) << *pdf;

  const std::string text = Output("pdftotext -layout " + file + " -");
  ASSERT_FALSE(text.empty()) << "pdftotext (poppler-utils, scripts/install-deps) is needed";
  for (const std::string& shown : {face.holder, face.number, face.issued_on, face.expires_on,
                                   std::string("Certified Chief Technology Officer")}) {
    EXPECT_NE(text.find(shown), std::string::npos) << shown << " is not in:\n" << text;
  }

  ASSERT_EQ(
      std::system(
          ("pdftoppm -png -r 150 -singlefile " + file + " " + folder.path() + "/page").c_str()),
      0);
  const std::string qr = Output("zbarimg --quiet --raw " + folder.path() + "/page.png");
  ASSERT_FALSE(qr.empty()) << "zbarimg (zbar-tools, scripts/install-deps) read no QR code";
  EXPECT_EQ(qr, face.verify_url + "\n");
}

TEST(CertificatePdf, ALongNameIsDrawnSmallerNotCutOff) {
  const std::string name(120, 'W');
  auto pdf = CertificatePdf({name, "CCTO-2018-0001", "November 12, 2018", "November 12, 2021",
                             "https://ctom.example/verify/CCTO-2018-0001"});
  ASSERT_TRUE(pdf.has_value()) << pdf.error();
  testing::ScratchFolder folder;
  const std::string file = folder.path() + "/certificate.pdf";
  std::ofstream(file, std::ios::binary) << *pdf;
  const std::string text = Output("pdftotext " + file + " -");
  EXPECT_NE(text.find(name), std::string::npos) << text;
}

}  // namespace
}  // namespace ctom::credentials
