#!/usr/bin/env python3
"""Write common_passwords.txt, the list that the password policy rejects.

The list contains passwords that appear again and again in published leak statistics, together
with the patterns people build them from: digit runs, keyboard walks, common words and pinyin
phrases with numeric suffixes and years. It is written from knowledge of those patterns, not
copied from any leaked data set. Entries are lower-case, because the policy compares
lower-cased input; the policy rejects anything shorter than 12 characters on its own, so the
list keeps short classics only for completeness and spends most entries on longer forms.

Run from the repository root:  python3 src/crypto/generate_common_passwords.py
"""

import itertools
import pathlib

OUTPUT = pathlib.Path(__file__).with_name("common_passwords.txt")

# Passwords that top every yearly list, in several languages and scripts of habit.
CLASSICS = """
123456 123456789 12345678 12345 1234567 1234567890 111111 000000 123123 654321 666666 888888
121212 112233 11223344 123321 123654 159357 147258 258369 147258369 789456123 987654321
123qwe qwe123 1q2w3e 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx qazwsx qwerty qwertyuiop qwert
asdfgh asdfghjkl zxcvbnm zxcvbn password password1 password12 password123 passw0rd p@ssw0rd
p@ssword pass123 pass1234 admin admin123 admin888 administrator root toor test test123
guest changeme letmein welcome welcome1 welcome123 iloveyou iloveyou1 monkey dragon master
sunshine princess football baseball basketball soccer superman batman spiderman starwars
trustno1 whatever freedom shadow michael jessica charlie ashley bailey jordan hunter ranger
buster thomas robert daniel jennifer michelle hannah nicole matthew andrew joshua george
computer internet secret killer hello hello123 abc123 abc1234 abc12345 abcdef abcd1234
a123456 a12345678 aa123456 aa12345678 a1b2c3 a1b2c3d4 q1w2e3r4 1a2b3c 1qazxsw2 qweasd
qweasdzxc qazwsxedc 5201314 1314520 520520 521521 7758521 7758258 woaini woaini1314
woaini520 wodemima mima123 nihao nihao123 qq123456 qq5201314 zhang123 wang123 li123456
liu123456 chen123456 iloveu love123 lovely loveyou 11111111 88888888 66666666 00000000
12341234 123123123 147852369 963852741 741852963 159753 951753 1234qwer qwer1234 asdf1234
zxcv1234 1234asdf q1w2e3 qazxsw 1qaz2wsx3edc 1qaz2wsx3edc4rfv !qaz2wsx !qaz@wsx qwerty123
qwerty1234 qwerty12345 qwertyuiop123 iloveyou123 football1 baseball1 princess1 sunshine1
superman1 michael1 charlie1 monkey123 dragon123 master123 shadow123 letmein123 freedom1
""".split()

# Words that people build passwords from. Each is combined with the suffixes below.
WORDS = """
password passw0rd p@ssw0rd p@ssword pass admin administrator root system server manager
qwerty qwertyuiop asdfghjkl zxcvbnm welcome letmein iloveyou loveyou love lover monkey
dragon master sunshine princess football baseball basketball soccer superman batman
spiderman starwars pokemon computer internet secret hello abc abcd abcde abcdef abcdefg
test tester guest user login default changeme temp temporary office work company
china beijing shanghai guangzhou shenzhen chengdu chongqing tianjin wuhan nanjing hangzhou
xian sichuan guangan zhongguo zhonghua huaxia wangyi baidu taobao tencent alibaba weixin
wechat huawei xiaomi lenovo haier
woaini aini woaiwojia wodemima mima mimamima laopo laogong baobei qinai xiaobao bao
nihao nihaoma woshishui wobuzhidao haoren xingfu kuaile pingan jiayou fendou meili
tiantian xiaoming xiaohong xiaohua xiaolong xiaoyu xiaoxiao lili lele feifei
zhangwei wangwei liwei wangfang liuyang zhangmin lina wangjing zhangyong liqiang
zhang wang li liu chen yang huang zhao zhou wu xu sun hu zhu gao lin he guo ma luo
zhangsan lisi wangwu zhaoliu
dragon1 tiger lion panda rabbit kitty hellokitty snoopy mickey
apple orange banana lemon cherry
jesus angel angels god heaven
michael jessica charlie ashley bailey jordan hunter ranger buster thomas robert daniel
jennifer michelle hannah nicole matthew andrew joshua george william david james john
summer winter spring autumn flower rainbow sunny happy lucky smile
""".split()

# Endings people append, including Chinese lucky numbers (168, 518, 888, 666) and
# love numbers (520 "I love you", 1314 "for a lifetime").
SUFFIXES = """
1 12 123 1234 12345 123456 12345678 123456789 1234567890 0 000 007 11 111 111111 321
654321 520 521 1314 5201314 1314520 168 518 888 888888 666 666666 999 ! 1! 123! @123 #123
@123456 abc qwe123 !@# 123!@# 1qaz
""".split()

# Numbers that people also put in front of a word.
PREFIXES = {"1", "123", "123456", "520", "1314", "5201314", "888", "666"}

YEARS = [str(y) for y in range(1960, 2027)]
YEAR_WORDS = """
password admin qwerty woaini iloveyou welcome china beijing zhongguo abc abcd love baobei
laopo laogong summer winter spring autumn happy lucky michael jessica
""".split()

KEYBOARD_WALKS = """
qwertyuiop qwertyuio qwertyui qwertyu asdfghjkl asdfghjk asdfghj zxcvbnm zxcvbn
poiuytrewq lkjhgfdsa mnbvcxz 1qaz2wsx 1qaz2wsx3edc 1qaz2wsx3edc4rfv 1qaz2wsx3edc4rfv5tgb
zaq12wsx zaq1xsw2 xsw2zaq1 2wsx1qaz 1qazxsw2 qazwsx qazwsxedc qazwsxedcrfv qazwsxedcrfvtgb
wsxedc edcrfv 1q2w3e 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1q2w3e4r5t6y7u8i
1q2w3e4r5t6y7u8i9o 1q2w3e4r5t6y7u8i9o0p q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 qweasdzxc
qweasd asdzxc qwerasdf qwerasdfzxcv 1234qwer 1234qwerasdf 1234qwerasdfzxcv qwer1234
asdf1234 zxcv1234 1234asdf 1234zxcv qweqwe asdasd zxczxc qweqweqwe asdasdasd qwe123qwe
!qaz2wsx !qaz@wsx !qaz@wsx#edc 1qaz@wsx 1qaz!qaz 1qaz1qaz 2wsx2wsx qaz123 wsx123
147258369 741852963 963852741 369258147 159753 951753 753951 357159 123698745 147896325
789654123 321456987 14789632 12369874 258456 852456 456852 2580 0258 8520
""".split()


def digit_runs():
    """Repeated digits, ascending and descending runs, and repeated short blocks."""
    runs = set()
    for digit in "0123456789":
        for length in range(6, 21):
            runs.add(digit * length)

    ascending = "1234567890" * 3
    descending = "9876543210" * 3
    for start in range(10):
        for length in range(6, 21):
            runs.add(ascending[start:start + length])
            runs.add(descending[start:start + length])

    blocks = ["12", "123", "1234", "12345", "123456", "321", "4321", "54321", "654321", "11",
              "112", "1122", "520", "521", "1314", "5201314", "168", "888", "666", "abc",
              "123abc", "abc123", "a1", "a1b2", "qwe", "asd", "zxc", "qq", "aa", "ab", "xy"]
    for block in blocks:
        for count in range(2, 9):
            text = block * count
            if len(text) <= 24:
                runs.add(text)

    for first, second in itertools.product("0123456789", repeat=2):
        if first != second:
            runs.add(first * 3 + second * 3)
            runs.add(first * 4 + second * 4)
            runs.add(first * 6 + second * 6)
    return runs


def letter_runs():
    runs = set()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for length in range(6, 17):
            runs.add(letter * length)
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    for length in range(6, 27):
        runs.add(alphabet[:length])
    return runs


def word_combinations():
    combos = set()
    for word in WORDS:
        combos.add(word)
        combos.add(word + word)
        for suffix in SUFFIXES:
            combos.add(word + suffix)
            if suffix in PREFIXES:
                combos.add(suffix + word)
    for word in YEAR_WORDS:
        for year in YEARS:
            combos.add(word + year)
            combos.add(word + "@" + year)
    return combos


def walk_combinations():
    combos = set()
    for walk in KEYBOARD_WALKS:
        combos.add(walk)
        combos.add(walk + walk)
        for suffix in ["1", "12", "123", "1234", "!", "!@#", "@123", "123456", "520", "1314"]:
            combos.add(walk + suffix)
    return combos


def pinyin_love_phrases():
    """Love and luck phrases written as digits or pinyin, common in Chinese leaks."""
    phrases = set()
    digits = ["5201314", "1314520", "520520", "521521", "1314521", "7758521", "7758258",
              "52013145201314", "13145201314520", "5201314520", "1314521521", "168168168",
              "518518518", "888888888", "886886886", "5211314", "25251325", "20130520",
              "201314", "1314", "520"]
    names = ["", "a", "w", "l", "z", "qq", "woaini", "aini", "wo", "ai", "love", "iloveyou",
             "baobei", "laopo", "laogong", "qinai", "xiaobao", "wangyi", "zhang", "wang", "li",
             "liu", "chen", "yang", "zhao", "xiaoming", "tiantian"]
    for name, number in itertools.product(names, digits):
        phrases.add(name + number)
        phrases.add(number + name)
    return phrases


def main():
    entries = set(CLASSICS)
    entries |= digit_runs()
    entries |= letter_runs()
    entries |= word_combinations()
    entries |= walk_combinations()
    entries |= pinyin_love_phrases()
    entries = sorted({entry.lower() for entry in entries if 6 <= len(entry) <= 128})

    header = [
            "# Common passwords, one a line, lower-case. The password policy rejects each of them.",
            "# Generated by generate_common_passwords.py in this folder; edit that script, not this",
            "# file. Lines starting with '#' are comments.",
    ]
    OUTPUT.write_text("\n".join(header + entries) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} entries to {OUTPUT}")


if __name__ == "__main__":
    main()
