#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QString>

namespace bk::mapping {

/// A postal address split into the fields destinations ask for.
struct Address {
    QString street;            ///< "Keizersgracht"
    QString houseNumber;       ///< "123"
    QString houseNumberSuffix; ///< "A", "2", "bis", "III"
    QString postcode;          ///< normalised per country: "1015 CJ", "10117", "1000"
    QString city;              ///< "Amsterdam"
    QString country;           ///< ISO 3166-1 alpha-2: "NL"

    bool operator==(const Address&) const = default;
    /// "Keizersgracht 123-2" (NL style: number after the street, suffix after a hyphen when it
    /// is a number).
    QString streetLine() const;
    /// {"street":…,"houseNumber":…,"houseNumberSuffix":…,"postcode":…,"city":…,"country":…};
    /// empty parts are left out. The form an address takes inside a transform chain.
    QJsonObject toJson() const;
    static Address fromJson(const QJsonObject& o);
};

namespace address {

/// Parses a one-line address in Dutch and common EU forms:
/// "Keizersgracht 123-2, 1015 CJ Amsterdam", "Hoofdstraat 12a 1234AB Utrecht Nederland",
/// "Friedrichstraße 43, 10117 Berlin, Deutschland", "Rue de la Loi 16, 1000 Bruxelles, BE",
/// "10 Rue de Rivoli, 75001 Paris, France". defaultCountry applies when the line names none.
/// A line without a recognisable street + number or postcode + city is an error.
Result<Address> parseLine(QStringView line, QStringView defaultCountry);

/// Builds an Address from a structured source object. Understands Shopify
/// (address1/address2/zip/city/country_code|country), Pipedrive (route/street_number/
/// postal_code/locality/country, also with a "postal_address_" prefix) and our own keys.
/// A street line without a separate number is split like parseLine() does.
Result<Address> fromObject(const QJsonObject& source, QStringView defaultCountry);

/// Normalises a postcode for a country ("1015cj" → "1015 CJ" for NL); an error when it does
/// not fit the country's pattern (NL, BE, DE, FR, LU, AT, CH, DK, ES, IT). Other countries:
/// upper-cased and trimmed.
Result<QString> normalisePostcode(QStringView postcode, QStringView country);

} // namespace address
} // namespace bk::mapping
