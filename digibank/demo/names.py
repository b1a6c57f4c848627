"""Name pools for the demo residents: the mix of origins found in Flemish towns today.

Each origin comes with the languages its speakers tend to prefer, how likely a resident of that
origin is a recent newcomer, and whether the group is younger on average. Flemish and Walloon
first names differ by generation: a Godelieve is rarely 20, a Febe rarely 80.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


@dataclass(frozen=True)
class Origin:
    female: tuple[str, ...]
    male: tuple[str, ...]
    last_names: tuple[str, ...]
    # Preferred languages (Language code -> weight).
    languages: dict[str, int]
    # First names of people under 45, when they differ from those of their parents.
    young_female: tuple[str, ...] = ()
    young_male: tuple[str, ...] = ()
    # Chance that a resident of this origin is a recent newcomer.
    newcomer: float = 0.0
    # Polish surnames change with gender: the female form of "Kowalski" is "Kowalska".
    gendered_surnames: bool = False
    # A group that arrived recently and is younger on average.
    young: bool = False
    email_domains: tuple[str, ...] = field(
        default=("telenet.example", "proximus.example", "mail.example")
    )

    def first_names(self, *, female: bool, age: int) -> tuple[str, ...]:
        if age < 45 and self.young_female:
            return self.young_female if female else self.young_male
        return self.female if female else self.male


ORIGINS: dict[str, Origin] = {
    "flemish": Origin(
        female=_names(
            "Maria, Rita, Godelieve, Annie, Jeannine, Monique, Lutgarde, Hilde, Christiane, "
            "Marleen, Greta, Lieve, Ilse, Veerle, Mieke, Paula, Simonne, Margriet, Agnes, "
            "Josée, Denise, Ria, Magda, Gerda, Linda, Martine"
        ),
        male=_names(
            "Jozef, Frans, Willy, Marcel, Roger, André, Gilbert, Eddy, Luc, Dirk, Patrick, "
            "Marc, Geert, Johan, Jean, Georges, Staf, Noël, Etienne, Robert, Herman, Walter, "
            "Rudy, Guido, Paul, Raf"
        ),
        young_female=_names(
            "Ann, Katrien, Sofie, Lotte, Emma, Lisa, Febe, Nele, Elke, Leen, Sarah, Julie, "
            "Laura, Marie, Ella, Fien, Noor, Lore, Hanne, Jana"
        ),
        young_male=_names(
            "Koen, Bart, Tom, Pieter, Wout, Lars, Arne, Jules, Remi, Stijn, Jonas, Thomas, "
            "Seppe, Milan, Lucas, Vic, Warre, Jef, Siebe, Robbe"
        ),
        last_names=_names(
            "Peeters, Janssens, Maes, Jacobs, Mertens, Willems, Claes, Goossens, Wouters, "
            "De Smet, Van den Broeck, Hermans, Aerts, Verhoeven, Vermeulen, Van Damme, De Vos, "
            "Lambrechts, Smets, Van de Velde, De Clercq, Verstraete, Vandenberghe, Michiels, "
            "Martens, Claeys, Hendrickx, Van Acker, Bogaert, Baert, De Backer, Coppens, "
            "Stevens, Pauwels, Segers, Wuyts, Verbeke, Van Hecke, De Meyer, Verschueren, "
            "De Wilde, Cools, De Baets, Van Hoorebeke, De Rycke, Van de Voorde, De Pauw, "
            "Bauwens, Van Landschoot, De Vriendt, Van Waes, Dhaenens, D'hondt, Van Hyfte, "
            "Roegiers, Vercruysse, Standaert, Van Eeckhoutte"
        ),
        languages={"nl": 97, "en": 2, "vgt": 1},
    ),
    "walloon": Origin(
        female=_names(
            "Françoise, Monique, Chantal, Josiane, Marie-Thérèse, Jacqueline, Bernadette, "
            "Martine, Danielle, Ginette"
        ),
        male=_names(
            "Jean-Pierre, Michel, Philippe, Alain, Jacques, Christian, René, Guy, Albert, "
            "Jean-Marie"
        ),
        young_female=_names(
            "Isabelle, Nathalie, Véronique, Céline, Amélie, Manon, Camille, Chloé, Pauline"
        ),
        young_male=_names("Didier, Benoît, Thierry, Julien, Maxime, Nicolas, Antoine, Quentin"),
        last_names=_names(
            "Dubois, Lambert, Dupont, Martin, Simon, Laurent, Leroy, Lejeune, Renard, "
            "Collignon, Lemaire, Dumont, Mathieu, François, Piron"
        ),
        languages={"fr": 70, "nl": 30},
        email_domains=("skynet.example", "proximus.example", "mail.example"),
    ),
    "moroccan": Origin(
        female=_names(
            "Fatima, Khadija, Naima, Samira, Aicha, Malika, Latifa, Rachida, Zohra, Mina"
        ),
        male=_names(
            "Mohamed, Said, Rachid, Abdelkader, Mustapha, Ahmed, Driss, Abdellah, Hassan, Ali"
        ),
        young_female=_names(
            "Imane, Nora, Souad, Salma, Hajar, Yasmina, Sara, Ikram, Soukaina, Meryem"
        ),
        young_male=_names(
            "Youssef, Karim, Hamza, Ayoub, Soufiane, Bilal, Adil, Nordin, Anas, Ilias"
        ),
        last_names=_names(
            "El Amrani, Benali, El Idrissi, Bouzid, Azzouzi, El Khattabi, Ouali, Boukhari, "
            "El Hamdaoui, Lahlou, Tahiri, Chakir, El Ouardi, Bouhaddou, Ait Taleb"
        ),
        languages={"nl": 60, "ar": 22, "ber": 10, "fr": 8},
    ),
    "turkish": Origin(
        female=_names("Ayşe, Fatma, Elif, Zeynep, Hatice, Emine, Merve, Büşra, Sevgi"),
        male=_names("Mehmet, Ahmet, Mustafa, Emre, Burak, Hüseyin, Hasan, Murat, Kemal"),
        last_names=_names(
            "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Aydın, Öztürk, Arslan, Doğan, Koç, Kurt"
        ),
        languages={"nl": 55, "tr": 45},
    ),
    "polish": Origin(
        female=_names("Agnieszka, Katarzyna, Magdalena, Anna, Joanna, Ewa, Monika, Małgorzata"),
        male=_names("Piotr, Tomasz, Krzysztof, Marek, Paweł, Grzegorz, Łukasz, Andrzej"),
        last_names=_names(
            "Kowalski, Nowak, Wiśniewski, Wójcik, Kamiński, Lewandowski, Zieliński, "
            "Szymański, Mazur, Krawczyk"
        ),
        languages={"pl": 50, "nl": 30, "en": 20},
        newcomer=0.2,
        gendered_surnames=True,
        young=True,
        email_domains=("mail.example", "poczta.example"),
    ),
    "romanian": Origin(
        female=_names("Elena, Ioana, Maria, Gabriela, Andreea, Mihaela, Cristina"),
        male=_names("Andrei, Ion, Mihai, Florin, Vasile, Adrian, Cosmin"),
        last_names=_names(
            "Popescu, Ionescu, Popa, Constantin, Stan, Dumitru, Munteanu, Stoica, Rusu"
        ),
        languages={"ro": 55, "nl": 25, "en": 15, "fr": 5},
        newcomer=0.3,
        young=True,
        email_domains=("mail.example", "yahoo.example"),
    ),
    "congolese": Origin(
        female=_names(
            "Patience, Grâce, Divine, Christelle, Bénédicte, Espérance, Nathalie, Merveille"
        ),
        male=_names("Jean-Claude, Emmanuel, Joël, Trésor, Espoir, Patrick, Didier, Fiston"),
        last_names=_names(
            "Mbuyi, Tshibangu, Kasongo, Mukendi, Ilunga, Kalonji, Mbala, Lukusa, Nsimba, Mputu"
        ),
        languages={"fr": 70, "nl": 25, "en": 5},
        newcomer=0.1,
        email_domains=("mail.example", "skynet.example"),
    ),
    "syrian": Origin(
        female=_names("Hiba, Rana, Lina, Yara, Nour, Rasha, Dima, Alaa"),
        male=_names("Ahmad, Omar, Khaled, Rami, Mahmoud, Yousef, Fadi, Samer"),
        last_names=_names(
            "Al-Hassan, Haddad, Khalil, Al-Ahmad, Darwish, Hamoud, Sabbagh, Al-Masri, Kanaan, Shami"
        ),
        languages={"ar": 65, "nl": 20, "en": 15},
        newcomer=0.8,
        young=True,
        email_domains=("mail.example",),
    ),
    "afghan": Origin(
        female=_names("Zahra, Maryam, Shabnam, Nazanin, Fereshta, Parwana, Mursal"),
        male=_names("Ali, Hamid, Mohammad, Farid, Rahmatullah, Sayed, Jawad, Naweed"),
        last_names=_names(
            "Ahmadi, Rahimi, Hakimi, Noori, Sultani, Karimi, Popal, Hashimi, Safi, Wardak"
        ),
        languages={"prs": 55, "ps": 25, "nl": 12, "en": 8},
        newcomer=0.85,
        young=True,
        email_domains=("mail.example",),
    ),
    "ukrainian": Origin(
        female=_names(
            "Olena, Oksana, Iryna, Tetiana, Nataliia, Yuliia, Svitlana, Halyna, Kateryna"
        ),
        male=_names("Andrii, Oleksandr, Dmytro, Serhii, Mykola, Volodymyr, Bohdan, Yurii"),
        last_names=_names(
            "Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boyko, "
            "Oliynyk, Marchenko, Lysenko"
        ),
        languages={"uk": 65, "ru": 10, "en": 15, "nl": 10},
        newcomer=0.95,
        email_domains=("ukr.example", "mail.example"),
    ),
}

# Short, harmless notes a helper might keep: never health, income or ID details.
NOTES = (
    "Wil leren videobellen met de kleinkinderen.",
    "Komt liefst op dinsdagvoormiddag.",
    "Zoekt een laptop voor school.",
    "Wil Tax-on-web zelf leren invullen.",
    "Heeft een smartphone, wil itsme leren gebruiken.",
    "Vraagt hulp bij de bankapp.",
    "Wil online een afspraak bij de dokter kunnen maken.",
    "Oefent met e-mails en bijlagen.",
)
