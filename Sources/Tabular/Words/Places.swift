extension Words {
    /// Cities with the country they are in, as `City|Country`; every country is in `countries`.
    public static let cities: [City] = pairs(#"""
    Tokyo|Japan
    Osaka|Japan
    Kyoto|Japan
    Yokohama|Japan
    Sapporo|Japan
    Fukuoka|Japan
    Nagoya|Japan
    Seoul|South Korea
    Busan|South Korea
    Incheon|South Korea
    Beijing|China
    Shanghai|China
    Guangzhou|China
    Shenzhen|China
    Chengdu|China
    Wuhan|China
    Hangzhou|China
    Xi'an|China
    Nanjing|China
    Chongqing|China
    Tianjin|China
    Hong Kong|China
    Taipei|Taiwan
    Kaohsiung|Taiwan
    Ulaanbaatar|Mongolia
    Manila|Philippines
    Cebu City|Philippines
    Davao City|Philippines
    Jakarta|Indonesia
    Surabaya|Indonesia
    Bandung|Indonesia
    Denpasar|Indonesia
    Kuala Lumpur|Malaysia
    George Town|Malaysia
    Singapore|Singapore
    Bangkok|Thailand
    Chiang Mai|Thailand
    Hanoi|Vietnam
    Ho Chi Minh City|Vietnam
    Da Nang|Vietnam
    Phnom Penh|Cambodia
    Vientiane|Laos
    Yangon|Myanmar
    Dhaka|Bangladesh
    Chittagong|Bangladesh
    Kathmandu|Nepal
    Thimphu|Bhutan
    Colombo|Sri Lanka
    Malé|Maldives
    Mumbai|India
    Delhi|India
    Bengaluru|India
    Hyderabad|India
    Chennai|India
    Kolkata|India
    Pune|India
    Ahmedabad|India
    Jaipur|India
    Lucknow|India
    Kochi|India
    Karachi|Pakistan
    Lahore|Pakistan
    Islamabad|Pakistan
    Kabul|Afghanistan
    Tehran|Iran
    Isfahan|Iran
    Shiraz|Iran
    Tashkent|Uzbekistan
    Samarkand|Uzbekistan
    Almaty|Kazakhstan
    Astana|Kazakhstan
    Bishkek|Kyrgyzstan
    Dushanbe|Tajikistan
    Ashgabat|Turkmenistan
    Baku|Azerbaijan
    Tbilisi|Georgia
    Yerevan|Armenia
    Istanbul|Turkey
    Ankara|Turkey
    Izmir|Turkey
    Antalya|Turkey
    Dubai|United Arab Emirates
    Abu Dhabi|United Arab Emirates
    Doha|Qatar
    Riyadh|Saudi Arabia
    Jeddah|Saudi Arabia
    Muscat|Oman
    Kuwait City|Kuwait
    Manama|Bahrain
    Sana'a|Yemen
    Amman|Jordan
    Beirut|Lebanon
    Damascus|Syria
    Baghdad|Iraq
    Erbil|Iraq
    Tel Aviv|Israel
    Haifa|Israel
    Ramallah|Palestine
    Nicosia|Cyprus
    Cairo|Egypt
    Alexandria|Egypt
    Casablanca|Morocco
    Marrakesh|Morocco
    Rabat|Morocco
    Tunis|Tunisia
    Algiers|Algeria
    Tripoli|Libya
    Khartoum|Sudan
    Addis Ababa|Ethiopia
    Asmara|Eritrea
    Mogadishu|Somalia
    Nairobi|Kenya
    Mombasa|Kenya
    Kampala|Uganda
    Kigali|Rwanda
    Dar es Salaam|Tanzania
    Dodoma|Tanzania
    Lagos|Nigeria
    Abuja|Nigeria
    Ibadan|Nigeria
    Kano|Nigeria
    Accra|Ghana
    Kumasi|Ghana
    Dakar|Senegal
    Abidjan|Côte d'Ivoire
    Bamako|Mali
    Ouagadougou|Burkina Faso
    Niamey|Niger
    Lomé|Togo
    Cotonou|Benin
    Freetown|Sierra Leone
    Monrovia|Liberia
    Douala|Cameroon
    Yaoundé|Cameroon
    Libreville|Gabon
    Kinshasa|Democratic Republic of the Congo
    Brazzaville|Congo
    Luanda|Angola
    Lusaka|Zambia
    Lilongwe|Malawi
    Harare|Zimbabwe
    Maputo|Mozambique
    Gaborone|Botswana
    Windhoek|Namibia
    Johannesburg|South Africa
    Cape Town|South Africa
    Durban|South Africa
    Pretoria|South Africa
    Antananarivo|Madagascar
    Port Louis|Mauritius
    London|United Kingdom
    Manchester|United Kingdom
    Birmingham|United Kingdom
    Glasgow|United Kingdom
    Edinburgh|United Kingdom
    Liverpool|United Kingdom
    Leeds|United Kingdom
    Bristol|United Kingdom
    Cardiff|United Kingdom
    Belfast|United Kingdom
    Dublin|Ireland
    Cork|Ireland
    Galway|Ireland
    Paris|France
    Lyon|France
    Marseille|France
    Toulouse|France
    Nice|France
    Bordeaux|France
    Lille|France
    Nantes|France
    Strasbourg|France
    Brussels|Belgium
    Antwerp|Belgium
    Ghent|Belgium
    Amsterdam|Netherlands
    Rotterdam|Netherlands
    Utrecht|Netherlands
    The Hague|Netherlands
    Eindhoven|Netherlands
    Luxembourg|Luxembourg
    Berlin|Germany
    Hamburg|Germany
    Munich|Germany
    Cologne|Germany
    Frankfurt|Germany
    Stuttgart|Germany
    Düsseldorf|Germany
    Leipzig|Germany
    Dresden|Germany
    Bremen|Germany
    Vienna|Austria
    Salzburg|Austria
    Graz|Austria
    Zurich|Switzerland
    Geneva|Switzerland
    Basel|Switzerland
    Bern|Switzerland
    Lausanne|Switzerland
    Madrid|Spain
    Barcelona|Spain
    Valencia|Spain
    Seville|Spain
    Bilbao|Spain
    Málaga|Spain
    Zaragoza|Spain
    Lisbon|Portugal
    Porto|Portugal
    Rome|Italy
    Milan|Italy
    Naples|Italy
    Turin|Italy
    Florence|Italy
    Bologna|Italy
    Venice|Italy
    Palermo|Italy
    Genoa|Italy
    Valletta|Malta
    Athens|Greece
    Thessaloniki|Greece
    Copenhagen|Denmark
    Aarhus|Denmark
    Stockholm|Sweden
    Gothenburg|Sweden
    Malmö|Sweden
    Oslo|Norway
    Bergen|Norway
    Helsinki|Finland
    Tampere|Finland
    Reykjavík|Iceland
    Tallinn|Estonia
    Riga|Latvia
    Vilnius|Lithuania
    Warsaw|Poland
    Kraków|Poland
    Wrocław|Poland
    Gdańsk|Poland
    Poznań|Poland
    Prague|Czechia
    Brno|Czechia
    Bratislava|Slovakia
    Budapest|Hungary
    Ljubljana|Slovenia
    Zagreb|Croatia
    Split|Croatia
    Belgrade|Serbia
    Sarajevo|Bosnia and Herzegovina
    Podgorica|Montenegro
    Skopje|North Macedonia
    Tirana|Albania
    Sofia|Bulgaria
    Plovdiv|Bulgaria
    Bucharest|Romania
    Cluj-Napoca|Romania
    Chișinău|Moldova
    Kyiv|Ukraine
    Lviv|Ukraine
    Odesa|Ukraine
    Kharkiv|Ukraine
    Minsk|Belarus
    Moscow|Russia
    Saint Petersburg|Russia
    Novosibirsk|Russia
    Kazan|Russia
    Yekaterinburg|Russia
    Vladivostok|Russia
    New York|United States
    Los Angeles|United States
    Chicago|United States
    Houston|United States
    Phoenix|United States
    Philadelphia|United States
    San Antonio|United States
    San Diego|United States
    Dallas|United States
    San Jose|United States
    Austin|United States
    Seattle|United States
    Denver|United States
    Boston|United States
    Atlanta|United States
    Miami|United States
    Portland|United States
    Detroit|United States
    Minneapolis|United States
    Nashville|United States
    New Orleans|United States
    Las Vegas|United States
    San Francisco|United States
    Baltimore|United States
    Pittsburgh|United States
    Salt Lake City|United States
    Honolulu|United States
    Anchorage|United States
    Washington|United States
    Toronto|Canada
    Montreal|Canada
    Vancouver|Canada
    Calgary|Canada
    Ottawa|Canada
    Edmonton|Canada
    Quebec City|Canada
    Winnipeg|Canada
    Halifax|Canada
    Mexico City|Mexico
    Guadalajara|Mexico
    Monterrey|Mexico
    Puebla|Mexico
    Tijuana|Mexico
    Mérida|Mexico
    Guatemala City|Guatemala
    San Salvador|El Salvador
    Tegucigalpa|Honduras
    Managua|Nicaragua
    San José|Costa Rica
    Panama City|Panama
    Havana|Cuba
    Santo Domingo|Dominican Republic
    Port-au-Prince|Haiti
    Kingston|Jamaica
    Port of Spain|Trinidad and Tobago
    Bridgetown|Barbados
    Bogotá|Colombia
    Medellín|Colombia
    Cali|Colombia
    Cartagena|Colombia
    Caracas|Venezuela
    Maracaibo|Venezuela
    Quito|Ecuador
    Guayaquil|Ecuador
    Lima|Peru
    Cusco|Peru
    Arequipa|Peru
    La Paz|Bolivia
    Santa Cruz de la Sierra|Bolivia
    Santiago|Chile
    Valparaíso|Chile
    Buenos Aires|Argentina
    Córdoba|Argentina
    Rosario|Argentina
    Mendoza|Argentina
    Montevideo|Uruguay
    Asunción|Paraguay
    Georgetown|Guyana
    Paramaribo|Suriname
    São Paulo|Brazil
    Rio de Janeiro|Brazil
    Brasília|Brazil
    Salvador|Brazil
    Fortaleza|Brazil
    Belo Horizonte|Brazil
    Manaus|Brazil
    Curitiba|Brazil
    Recife|Brazil
    Porto Alegre|Brazil
    Sydney|Australia
    Melbourne|Australia
    Brisbane|Australia
    Perth|Australia
    Adelaide|Australia
    Canberra|Australia
    Hobart|Australia
    Darwin|Australia
    Gold Coast|Australia
    Auckland|New Zealand
    Wellington|New Zealand
    Christchurch|New Zealand
    Suva|Fiji
    Port Moresby|Papua New Guinea
    Apia|Samoa
    Nuku'alofa|Tonga
    """#).map { City(name: $0.0, country: $0.1) }

    /// The world's sovereign states (UN members and observers, Kosovo and Taiwan) by their common English names.
    public static let countries: [String] = list(#"""
    Afghanistan
    Albania
    Algeria
    Andorra
    Angola
    Antigua and Barbuda
    Argentina
    Armenia
    Australia
    Austria
    Azerbaijan
    Bahamas
    Bahrain
    Bangladesh
    Barbados
    Belarus
    Belgium
    Belize
    Benin
    Bhutan
    Bolivia
    Bosnia and Herzegovina
    Botswana
    Brazil
    Brunei
    Bulgaria
    Burkina Faso
    Burundi
    Cabo Verde
    Cambodia
    Cameroon
    Canada
    Central African Republic
    Chad
    Chile
    China
    Colombia
    Comoros
    Congo
    Costa Rica
    Côte d'Ivoire
    Croatia
    Cuba
    Cyprus
    Czechia
    Democratic Republic of the Congo
    Denmark
    Djibouti
    Dominica
    Dominican Republic
    Ecuador
    Egypt
    El Salvador
    Equatorial Guinea
    Eritrea
    Estonia
    Eswatini
    Ethiopia
    Fiji
    Finland
    France
    Gabon
    Gambia
    Georgia
    Germany
    Ghana
    Greece
    Grenada
    Guatemala
    Guinea
    Guinea-Bissau
    Guyana
    Haiti
    Honduras
    Hungary
    Iceland
    India
    Indonesia
    Iran
    Iraq
    Ireland
    Israel
    Italy
    Jamaica
    Japan
    Jordan
    Kazakhstan
    Kenya
    Kiribati
    Kuwait
    Kyrgyzstan
    Laos
    Latvia
    Lebanon
    Lesotho
    Liberia
    Libya
    Liechtenstein
    Lithuania
    Luxembourg
    Madagascar
    Malawi
    Malaysia
    Maldives
    Mali
    Malta
    Marshall Islands
    Mauritania
    Mauritius
    Mexico
    Micronesia
    Moldova
    Monaco
    Mongolia
    Montenegro
    Morocco
    Mozambique
    Myanmar
    Namibia
    Nauru
    Nepal
    Netherlands
    New Zealand
    Nicaragua
    Niger
    Nigeria
    North Korea
    North Macedonia
    Norway
    Oman
    Pakistan
    Palau
    Palestine
    Panama
    Papua New Guinea
    Paraguay
    Peru
    Philippines
    Poland
    Portugal
    Qatar
    Romania
    Russia
    Rwanda
    Saint Kitts and Nevis
    Saint Lucia
    Saint Vincent and the Grenadines
    Samoa
    San Marino
    São Tomé and Príncipe
    Saudi Arabia
    Senegal
    Serbia
    Seychelles
    Sierra Leone
    Singapore
    Slovakia
    Slovenia
    Solomon Islands
    Somalia
    South Africa
    South Korea
    South Sudan
    Spain
    Sri Lanka
    Sudan
    Suriname
    Sweden
    Switzerland
    Syria
    Taiwan
    Tajikistan
    Tanzania
    Thailand
    Timor-Leste
    Togo
    Tonga
    Trinidad and Tobago
    Tunisia
    Turkey
    Turkmenistan
    Tuvalu
    Uganda
    Ukraine
    United Arab Emirates
    United Kingdom
    United States
    Uruguay
    Uzbekistan
    Vanuatu
    Vatican City
    Venezuela
    Vietnam
    Yemen
    Zambia
    Zimbabwe
    Kosovo
    """#)
}

/// A city and the country it is in.
public struct City: Hashable, Sendable {
    public var name: String
    public var country: String
}
