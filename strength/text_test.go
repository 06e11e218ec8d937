package strength

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTextSentences: sentences run together or between separators, in
// languages with no word list here or with words no list holds, are weak,
// and shown not to be random.
func TestTextSentences(t *testing.T) {
	for _, s := range []string{
		"ditisdegeheimesleutelvoordeapplicatievanons",                      // Dutch, run together
		"DayLaKhoaBiMatCuaUngDungCuaToiKhongDuocChiaSe",                    // Vietnamese without marks, camel case
		"minun_salainen_avaimeni_jota_ei_saa_jakaa_kenenkaan",              // Finnish
		"bu-benim-cok-gizli-anahtarim-kimseyle-paylasma",                   // Turkish
		"day-la-khoa-bi-mat-cua-ung-dung-cua-toi-2024",                     // Vietnamese and a year
		"weareallgoingtothebeachtomorrowunlessitrainsagain",                // English, run together
		"Salam Halet Chetori Khobi Inja Chi Kar Mikoni Hame Chi Khube",     // Persian in Latin letters
		"это мой секретный ключ для подписи токенов нашего веб приложения", // Russian
		"ЭтоМойСекретныйКлючДляПодписиТокеновНашегоВебПриложения",          // Russian, camel case
		"αυτό είναι το μυστικό κλειδί της εφαρμογής μας για τα tokens",     // Greek
	} {
		r, err := Check([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != Weak || r.Bits >= 256 {
			t.Errorf("%q: %s, want weak", s, r.Summary())
			continue
		}
		if !hasKind(r, KindText) && !hasKind(r, KindDictionary) {
			t.Errorf("%q: findings %v, want text or words", s, r.Findings)
		}
	}
}

// TestTextModelSumsToOne: the text model is a probability distribution
// over the secret's alphabet at every position, which the evidence bound
// needs: the next character's probabilities, over every character the
// alphabet holds, add up to one.
func TestTextModelSumsToOne(t *testing.T) {
	loadOnce.Do(load)
	// Each prefix holds every class, so that the alphabet, which the
	// whole secret sets, is the same whichever character comes next.
	for _, prefix := range []string{
		"Aa0-_x",          // at a word's start
		"7-My-Secret-key", // inside a word, after a capital
		"X_the_quick9",    // after a digit
		"JWTtoken2-",      // after capitals and a separator
		"0-aBzD",          // after a camel-case capital
	} {
		alphabet := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		for _, c := range prefix {
			if !strings.ContainsRune(alphabet, c) {
				alphabet += string(c)
			}
		}
		if s := nextSum(prefix, alphabet); math.Abs(s-1) > 1e-4 {
			t.Errorf("after %q the next character's probabilities add up to %.6f", prefix, s)
		}
	}
}

// TestTextModelOtherScripts: letters of Greek and Cyrillic, read as the
// Latin letters they are written with, keep the model a distribution: the
// next character's probabilities add up to at most one (Latin letters no
// Cyrillic one is written with, q and w, keep their share unused).
func TestTextModelOtherScripts(t *testing.T) {
	loadOnce.Do(load)
	for _, tc := range []struct{ prefix, letters string }{
		{"Ключ-7-для-", "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюяАБВГҐДЕЁЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"},
		{"Κλειδί-7-το", "αάβγδεέζηήθιίϊΐκλμνξοόπρσςτυύϋΰφχψωώΑΆΒΓΔΕΈΖΗΉΘΙΊΚΛΜΝΞΟΌΠΡΣΤΥΎΦΧΨΩΏ"},
	} {
		alphabet := tc.letters + "0123456789-"
		s := nextSum(tc.prefix, alphabet)
		if s > 1+1e-9 || s < 0.5 {
			t.Errorf("after %q the next character's probabilities add up to %.6f", tc.prefix, s)
		}
	}
}

// nextSum adds up the text model's probabilities of each character of
// alphabet coming after prefix.
func nextSum(prefix, alphabet string) float64 {
	sum := 0.0
	for _, r := range alphabet {
		s := []byte(prefix + string(r))
		costs, _ := (&estimate{}).bruteCosts(s)
		tc := textCosts(s, costs, false)
		_, size := utf8.DecodeLastRune(s)
		sum += math.Exp2(-tc[len(s)-size])
	}
	return sum
}
