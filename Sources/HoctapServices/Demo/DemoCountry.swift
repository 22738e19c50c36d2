import HoctapDomain

/// The country the demo builds: the 34 provinces and centrally-run cities (public facts: codes of
/// Decision 19/2025/QĐ-TTg) and three real communes in each, one ward and two rural communes where
/// the province has them. Full lists are imported with `hoctap areas import`, never embedded.
enum DemoCountry {
    struct Province {
        var code: String
        var name: String
        var kind: AreaKind
        var communes: [Commune]
    }

    struct Commune {
        var code: String
        var name: String
        var kind: AreaKind
    }

    static let provinces: [Province] = [
        Province(code: "01", name: "Hà Nội", kind: .municipality, communes: [
            Commune(code: "00004", name: "Ba Đình", kind: .ward),
            Commune(code: "00376", name: "Sóc Sơn", kind: .commune),
            Commune(code: "00382", name: "Kim Anh", kind: .commune),
        ]),
        Province(code: "04", name: "Cao Bằng", kind: .province, communes: [
            Commune(code: "01273", name: "Thục Phán", kind: .ward),
            Commune(code: "01290", name: "Bảo Lâm", kind: .commune),
            Commune(code: "01294", name: "Lý Bôn", kind: .commune),
        ]),
        Province(code: "08", name: "Tuyên Quang", kind: .province, communes: [
            Commune(code: "00691", name: "Hà Giang 2", kind: .ward),
            Commune(code: "00700", name: "Ngọc Đường", kind: .commune),
            Commune(code: "00706", name: "Phú Linh", kind: .commune),
        ]),
        Province(code: "11", name: "Điện Biên", kind: .province, communes: [
            Commune(code: "03127", name: "Điện Biên Phủ", kind: .ward),
            Commune(code: "03158", name: "Sín Thầu", kind: .commune),
            Commune(code: "03160", name: "Mường Nhé", kind: .commune),
        ]),
        Province(code: "12", name: "Lai Châu", kind: .province, communes: [
            Commune(code: "03388", name: "Đoàn Kết", kind: .ward),
            Commune(code: "03390", name: "Bình Lư", kind: .commune),
            Commune(code: "03394", name: "Sin Suối Hồ", kind: .commune),
        ]),
        Province(code: "14", name: "Sơn La", kind: .province, communes: [
            Commune(code: "03646", name: "Tô Hiệu", kind: .ward),
            Commune(code: "03688", name: "Mường Chiên", kind: .commune),
            Commune(code: "03694", name: "Mường Giôn", kind: .commune),
        ]),
        Province(code: "15", name: "Lào Cai", kind: .province, communes: [
            Commune(code: "02647", name: "Lào Cai", kind: .ward),
            Commune(code: "02680", name: "Hợp Thành", kind: .commune),
            Commune(code: "02683", name: "Bát Xát", kind: .commune),
        ]),
        Province(code: "19", name: "Thái Nguyên", kind: .province, communes: [
            Commune(code: "01840", name: "Đức Xuân", kind: .ward),
            Commune(code: "01849", name: "Phong Quang", kind: .commune),
            Commune(code: "01864", name: "Bằng Thành", kind: .commune),
        ]),
        Province(code: "20", name: "Lạng Sơn", kind: .province, communes: [
            Commune(code: "05977", name: "Đông Kinh", kind: .ward),
            Commune(code: "06001", name: "Đoàn Kết", kind: .commune),
            Commune(code: "06004", name: "Quốc Khánh", kind: .commune),
        ]),
        Province(code: "22", name: "Quảng Ninh", kind: .province, communes: [
            Commune(code: "06652", name: "Hà Tu", kind: .ward),
            Commune(code: "06724", name: "Hải Sơn", kind: .commune),
            Commune(code: "06733", name: "Hải Ninh", kind: .commune),
        ]),
        Province(code: "24", name: "Bắc Ninh", kind: .province, communes: [
            Commune(code: "07210", name: "Bắc Giang", kind: .ward),
            Commune(code: "07246", name: "Xuân Lương", kind: .commune),
            Commune(code: "07264", name: "Tam Tiến", kind: .commune),
        ]),
        Province(code: "25", name: "Phú Thọ", kind: .province, communes: [
            Commune(code: "04792", name: "Tân Hòa", kind: .ward),
            Commune(code: "04831", name: "Đà Bắc", kind: .commune),
            Commune(code: "04846", name: "Đức Nhàn", kind: .commune),
        ]),
        Province(code: "31", name: "Hải Phòng", kind: .municipality, communes: [
            Commune(code: "10507", name: "Thành Đông", kind: .ward),
            Commune(code: "10606", name: "Nam Sách", kind: .commune),
            Commune(code: "10615", name: "Hợp Tiến", kind: .commune),
        ]),
        Province(code: "33", name: "Hưng Yên", kind: .province, communes: [
            Commune(code: "11953", name: "Phố Hiến", kind: .ward),
            Commune(code: "11977", name: "Tân Hưng", kind: .commune),
            Commune(code: "11992", name: "Lạc Đạo", kind: .commune),
        ]),
        Province(code: "37", name: "Ninh Bình", kind: .province, communes: [
            Commune(code: "13285", name: "Phủ Lý", kind: .ward),
            Commune(code: "13456", name: "Liêm Hà", kind: .commune),
            Commune(code: "13474", name: "Tân Thanh", kind: .commune),
        ]),
        Province(code: "38", name: "Thanh Hóa", kind: .province, communes: [
            Commune(code: "14758", name: "Hàm Rồng", kind: .ward),
            Commune(code: "14845", name: "Mường Lát", kind: .commune),
            Commune(code: "14848", name: "Tam Chung", kind: .commune),
        ]),
        Province(code: "40", name: "Nghệ An", kind: .province, communes: [
            Commune(code: "16681", name: "Thành Vinh", kind: .ward),
            Commune(code: "16738", name: "Quế Phong", kind: .commune),
            Commune(code: "16744", name: "Thông Thụ", kind: .commune),
        ]),
        Province(code: "42", name: "Hà Tĩnh", kind: .province, communes: [
            Commune(code: "18073", name: "Thành Sen", kind: .ward),
            Commune(code: "18133", name: "Hương Sơn", kind: .commune),
            Commune(code: "18160", name: "Sơn Hồng", kind: .commune),
        ]),
        Province(code: "44", name: "Quảng Trị", kind: .province, communes: [
            Commune(code: "18859", name: "Đồng Thuận", kind: .ward),
            Commune(code: "18901", name: "Minh Hóa", kind: .commune),
            Commune(code: "18904", name: "Dân Hóa", kind: .commune),
        ]),
        Province(code: "46", name: "Huế", kind: .municipality, communes: [
            Commune(code: "19753", name: "Phú Xuân", kind: .ward),
            Commune(code: "19867", name: "Quảng Điền", kind: .commune),
            Commune(code: "19885", name: "Đan Điền", kind: .commune),
        ]),
        Province(code: "48", name: "Đà Nẵng", kind: .municipality, communes: [
            Commune(code: "20194", name: "Hải Vân", kind: .ward),
            Commune(code: "20308", name: "Bà Nà", kind: .commune),
            Commune(code: "20320", name: "Hòa Vang", kind: .commune),
        ]),
        Province(code: "51", name: "Quảng Ngãi", kind: .province, communes: [
            Commune(code: "21025", name: "Cẩm Thành", kind: .ward),
            Commune(code: "21034", name: "An Phú", kind: .commune),
            Commune(code: "21040", name: "Bình Sơn", kind: .commune),
        ]),
        Province(code: "52", name: "Gia Lai", kind: .province, communes: [
            Commune(code: "21553", name: "Quy Nhơn Bắc", kind: .ward),
            Commune(code: "21607", name: "Nhơn Châu", kind: .commune),
            Commune(code: "21609", name: "An Lão", kind: .commune),
        ]),
        Province(code: "56", name: "Khánh Hòa", kind: .province, communes: [
            Commune(code: "22333", name: "Bắc Nha Trang", kind: .ward),
            Commune(code: "22435", name: "Cam Hiệp", kind: .commune),
            Commune(code: "22453", name: "Cam Lâm", kind: .commune),
        ]),
        Province(code: "66", name: "Đắk Lắk", kind: .province, communes: [
            Commune(code: "22015", name: "Tuy Hòa", kind: .ward),
            Commune(code: "22057", name: "Xuân Lộc", kind: .commune),
            Commune(code: "22060", name: "Xuân Cảnh", kind: .commune),
        ]),
        Province(code: "68", name: "Lâm Đồng", kind: .province, communes: [
            Commune(code: "22918", name: "Mũi Né", kind: .ward),
            Commune(code: "22963", name: "Tuyên Quang", kind: .commune),
            Commune(code: "22969", name: "Liên Hương", kind: .commune),
        ]),
        Province(code: "75", name: "Đồng Nai", kind: .municipality, communes: [
            Commune(code: "25195", name: "Bình Phước", kind: .ward),
            Commune(code: "25222", name: "Bù Gia Mập", kind: .commune),
            Commune(code: "25225", name: "Đăk Ơ", kind: .commune),
        ]),
        Province(code: "79", name: "Hồ Chí Minh", kind: .municipality, communes: [
            Commune(code: "25747", name: "Thủ Dầu Một", kind: .ward),
            Commune(code: "25777", name: "Dầu Tiếng", kind: .commune),
            Commune(code: "25780", name: "Minh Thạnh", kind: .commune),
        ]),
        Province(code: "80", name: "Tây Ninh", kind: .province, communes: [
            Commune(code: "25459", name: "Tân Ninh", kind: .ward),
            Commune(code: "25486", name: "Tân Biên", kind: .commune),
            Commune(code: "25489", name: "Tân Lập", kind: .commune),
        ]),
        Province(code: "82", name: "Đồng Tháp", kind: .province, communes: [
            Commune(code: "28249", name: "Đạo Thạnh", kind: .ward),
            Commune(code: "28321", name: "Tân Phước 1", kind: .commune),
            Commune(code: "28327", name: "Tân Phước 2", kind: .commune),
        ]),
        Province(code: "86", name: "Vĩnh Long", kind: .province, communes: [
            Commune(code: "28756", name: "Phú Khương", kind: .ward),
            Commune(code: "28807", name: "Giao Long", kind: .commune),
            Commune(code: "28810", name: "Phú Túc", kind: .commune),
        ]),
        Province(code: "91", name: "An Giang", kind: .province, communes: [
            Commune(code: "30292", name: "Bình Đức", kind: .ward),
            Commune(code: "30313", name: "Mỹ Hòa Hưng", kind: .commune),
            Commune(code: "30337", name: "An Phú", kind: .commune),
        ]),
        Province(code: "92", name: "Cần Thơ", kind: .municipality, communes: [
            Commune(code: "31120", name: "Cái Khế", kind: .ward),
            Commune(code: "31231", name: "Thạnh An", kind: .commune),
            Commune(code: "31232", name: "Vĩnh Thạnh", kind: .commune),
        ]),
        Province(code: "96", name: "Cà Mau", kind: .province, communes: [
            Commune(code: "31825", name: "Bạc Liêu", kind: .ward),
            Commune(code: "31843", name: "Hồng Dân", kind: .commune),
            Commune(code: "31849", name: "Ninh Quới", kind: .commune),
        ]),
    ]
}
