#pragma once

// JSON texts for TestMapper, kept out of the moc-scanned test file (moc mis-reads
// multi-line raw strings).

#include <QByteArray>

namespace fixtures {
QByteArray expectedInvoice();
QByteArray wireNetPrice();
QByteArray expectedContact();
QByteArray hostilePerson();
QByteArray belgianPerson();
QByteArray longLastName();
QByteArray reverseMapping();
QByteArray exactAccount();
QByteArray expectedPipedrivePerson();
QByteArray unknownDestinationMapping();
} // namespace fixtures
