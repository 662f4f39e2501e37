// Package officialclient holds PartnerTap's official Python example and the test that runs it,
// unchanged, against the sandbox.
//
// upstream/ is a verbatim copy of partnertap/partnertap_api_docs at commit
// 5f1378888f22662a8a129a4b95436f32fc706c2d: examples/python/partner_org_report.py and the
// repository's LICENSE (MIT, Copyright (c) 2026 PartnerTap). Do not edit it: the test checks its
// git blob ids against upstream's. country_converter.py is ours, a stand-in for the one
// third-party module the example needs that Debian does not package. The package has no code of
// its own; its test is the point.
package officialclient
