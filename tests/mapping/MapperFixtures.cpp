#include "MapperFixtures.h"

namespace fixtures {

QByteArray expectedInvoice() {
    return QByteArrayLiteral(R"({
            "OrderedBy": "a1b2c3d4-0000-4000-8000-000000000001",
            "Currency": "EUR",
            "YourRef": "#1001",
            "InvoiceDate": "/Date(1745280000000)/",
            "Description": "Shopify order",
            "PaymentCondition": "00",
            "SalesInvoiceLines": [
              {"Item": "a1b2c3d4-0000-4000-8000-0000000000aa", "Description": "Mok Bridgekeeper",
               "Quantity": 2, "NetPrice": 12.5},
              {"Item": "a1b2c3d4-0000-4000-8000-0000000000bb", "Description": "T-shirt maat M",
               "Quantity": 1, "NetPrice": 12.49}
            ]})");
}

QByteArray wireNetPrice() {
    return QByteArrayLiteral(R"("NetPrice":12.49)");
}

QByteArray expectedContact() {
    return QByteArrayLiteral(R"({"FirstName":"Jan","LastName":"de Vries",
            "Email":"Jan.de.Vries@example.nl","Phone":"+31201234567","PhoneExtension":"12",
            "Mobile":"+31612345678","JobTitleDescription":"Inkoper"})");
}

QByteArray hostilePerson() {
    return QByteArrayLiteral(R"({"id":1,"first_name":"  ","last_name":"   ",
            "emails":[{"value":"jan@exаmple.com","primary":true}],
            "phones":[{"value":"0612","label":"work"},{"value":"+999 123","label":"mobile"}]})");
}

QByteArray belgianPerson() {
    return QByteArrayLiteral(
        R"({"last_name":"Peeters","phones":[{"value":"0470 12 34 56","label":"mobile"}]})");
}

QByteArray longLastName() {
    return QByteArrayLiteral(
        R"({"last_name":"Abcdefghij Abcdefghij Abcdefghij Abcdefghij Abcdefghij"})");
}

QByteArray reverseMapping() {
    return QByteArrayLiteral(R"({"id":"reverse",
            "source":{"connectorType":"exact-online","resource":"Accounts","defaultRegion":"NL"},
            "destination":{"connectorType":"pipedrive","resource":"persons"},
            "enums":{"status":{"C":"customer","P":"prospect"}},
            "fields":[
              {"target":"name","source":"Name","transforms":["squash"],"empty":"fail"},
              {"target":"phones","source":"Phone","transforms":["phone","pipedrive-phones:work"]},
              {"target":"modified","source":"Modified","transforms":["datetime","pipedrive-datetime"]},
              {"target":"since","source":"Modified","transforms":["date"]},
              {"target":"status","source":"Status","transforms":["enum:status"]},
              {"target":"country","source":"Country","transforms":["country"]},
              {"target":"active","source":"Blocked","transforms":["bool"]},
              {"target":"street","source":"Address","transforms":["address","street-line"]},
              {"target":"postcode","source":"Address","transforms":["address","pick:postcode"]},
              {"target":"credit","source":"CreditLine","transforms":["money:currency=EUR","minor-units"]},
              {"target":"credit_text","source":"CreditLine","transforms":["money:currency=EUR","shopify-money"]},
              {"target":"kind","value":"person"}
            ]})");
}

QByteArray exactAccount() {
    return QByteArrayLiteral(R"({"Name":" Acme  BV ","Phone":"020-1234567 x12",
            "Modified":"\/Date(1700000000000)\/","Status":"c","Country":"Nederland","Blocked":false,
            "Address":"Keizersgracht 123-2, 1015cj Amsterdam","CreditLine":2500.5})");
}

QByteArray expectedPipedrivePerson() {
    return QByteArrayLiteral(R"({"name":"Acme BV",
            "phones":[{"value":"+31201234567 x12","label":"work","primary":true}],
            "modified":"2023-11-14 22:13:20","since":"2023-11-14","status":"customer",
            "country":"NL","active":false,"street":"Keizersgracht 123-2","postcode":"1015 CJ",
            "credit":250050,"credit_text":"2500.50","kind":"person"})");
}

QByteArray unknownDestinationMapping() {
    return QByteArrayLiteral(R"({"id":"x","source":{"connectorType":"a","resource":"b"},
            "destination":{"connectorType":"exact-online","resource":"Invoices"},
            "fields":[{"target":"a","source":"a"}]})");
}

} // namespace fixtures
