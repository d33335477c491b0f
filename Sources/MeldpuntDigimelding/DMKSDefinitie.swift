/// The service description: our WSDL and schema, written from DMKS 1.3 chapter 4 (no public
/// WSDL exists). Element names and cardinalities follow the specification's tables; the
/// namespace is the one its fault example shows.
public enum DMKSDefinitie {
    /// The WSDL with the schema inline; `adres` is where the service answers.
    public static func wsdl(adres: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
            xmlns:dm="\(DMKS.namespace)" targetNamespace="\(DMKS.namespace)" name="Digimelding">
          <wsdl:documentation>Digimelding koppelvlakspecificatie (DMKS) 1.3 bij Meldpunt: terugmelden op de BRP.</wsdl:documentation>
          <wsdl:types>
        \(schema)
          </wsdl:types>
        \(berichten)
          <wsdl:portType name="DigimeldingPortType">
        \(operaties.map { """
            <wsdl:operation name="\($0)">
              <wsdl:input message="dm:\($0)Request"/>
              <wsdl:output message="dm:\($0)Response"/>
              <wsdl:fault name="DigimeldingSynchroonFault" message="dm:DigimeldingSynchroonFault"/>
            </wsdl:operation>
        """ }.joined(separator: "\n"))
          </wsdl:portType>
          <wsdl:binding name="DigimeldingBinding" type="dm:DigimeldingPortType">
            <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
        \(operaties.map { """
            <wsdl:operation name="\($0)">
              <soap:operation soapAction="\(DMKS.namespace)\($0)" style="document"/>
              <wsdl:input><soap:body use="literal"/></wsdl:input>
              <wsdl:output><soap:body use="literal"/></wsdl:output>
              <wsdl:fault name="DigimeldingSynchroonFault"><soap:fault name="DigimeldingSynchroonFault" use="literal"/></wsdl:fault>
            </wsdl:operation>
        """ }.joined(separator: "\n"))
          </wsdl:binding>
          <wsdl:service name="DigimeldingService">
            <wsdl:port name="DigimeldingPort" binding="dm:DigimeldingBinding">
              <soap:address location="\(adres)"/>
            </wsdl:port>
          </wsdl:service>
        </wsdl:definitions>

        """
    }

    /// The schema on its own, as `?xsd` serves it.
    public static var xsd: String { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + schema + "\n" }

    static let operaties = ["AnnotatieToevoegen", "Statusoverzicht", "DetailsTerugmelding", "Echo"]

    static var berichten: String {
        (operaties.flatMap { ["\($0)Request", "\($0)Response"] } + ["DigimeldingSynchroonFault"]).map { """
          <wsdl:message name="\($0)"><wsdl:part name="parameters" element="dm:\($0)"/></wsdl:message>
        """ }.joined(separator: "\n")
    }

    static func basis(_ naam: String, _ eigen: String, attributen: String = "") -> String {
        """
            <xs:complexType name="\(naam)">
              <xs:complexContent>
                <xs:extension base="dm:Annotatiebasis">
                  <xs:sequence>
        \(eigen)
                  </xs:sequence>
        \(attributen)
                </xs:extension>
              </xs:complexContent>
            </xs:complexType>
        """
    }

    static let schema: String = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:dm="\(DMKS.namespace)" targetNamespace="\(DMKS.namespace)"
            elementFormDefault="qualified" attributeFormDefault="unqualified">
            <xs:simpleType name="Oin">
              <xs:restriction base="xs:string"><xs:pattern value="[0-9]{20}"/></xs:restriction>
            </xs:simpleType>
            <xs:simpleType name="Uuid">
              <xs:restriction base="xs:string"><xs:pattern value="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"/></xs:restriction>
            </xs:simpleType>
            <xs:simpleType name="Registratie">
              <xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction>
            </xs:simpleType>
            <xs:simpleType name="ContactType">
              <xs:restriction base="xs:string"><xs:enumeration value="Melder"/><xs:enumeration value="Behandelaar"/></xs:restriction>
            </xs:simpleType>
            <xs:complexType name="GeannoteerdDoor">
              <xs:sequence>
                <xs:element name="Oin" type="dm:Oin"/>
                <xs:element name="Vestiging" type="xs:string" minOccurs="0"/>
                <xs:element name="Persoonsaanduiding" type="xs:string"/>
              </xs:sequence>
            </xs:complexType>
            <xs:complexType name="Annotatiebasis">
              <xs:sequence>
                <xs:element name="GeannoteerdDoor" type="dm:GeannoteerdDoor"/>
                <xs:element name="GeannoteerdOp" type="xs:dateTime"/>
                <xs:element name="Toelichting" type="xs:string" minOccurs="0"/>
                <xs:element name="Annotatieverwijzing" type="dm:Uuid" minOccurs="0"/>
              </xs:sequence>
              <xs:attribute name="uuid" type="dm:Uuid" use="required"/>
            </xs:complexType>
        \(basis("Terugmelding", """
                    <xs:element name="Bronverwijzingen">
                      <xs:complexType><xs:sequence>
                        <xs:element name="Bronverwijzing" type="dm:Bronverwijzing" maxOccurs="unbounded"/>
                      </xs:sequence></xs:complexType>
                    </xs:element>
                    <xs:element name="Attributenset">
                      <xs:complexType><xs:sequence>
                        <xs:element name="Attribuut" maxOccurs="unbounded">
                          <xs:complexType><xs:sequence>
                            <xs:element name="Uri" type="xs:string"/>
                            <xs:element name="BetwijfeldeWaarde" type="xs:string" minOccurs="0"/>
                            <xs:element name="VoorgesteldeWaarde" type="xs:string" minOccurs="0"/>
                          </xs:sequence></xs:complexType>
                        </xs:element>
                      </xs:sequence></xs:complexType>
                    </xs:element>
                    <xs:element name="Peilmoment" type="xs:dateTime" minOccurs="0"/>
        """))
        \(basis("Annotatiestatus", """
                    <xs:element name="Status" type="xs:string" minOccurs="0"/>
                    <xs:element name="Statustype" type="xs:string" minOccurs="0"/>
        """))
        \(basis("Referentiekenmerk", """
                    <xs:element name="Kenmerk" type="xs:string"/>
        """))
        \(basis("Contactinformatie", """
                    <xs:element name="Naam" type="xs:string"/>
                    <xs:element name="Telefoon" type="xs:string" minOccurs="0"/>
                    <xs:element name="Email" type="xs:string"/>
                    <xs:element name="Afdeling" type="xs:string" minOccurs="0"/>
        """, attributen: """
                  <xs:attribute name="ContactType" type="dm:ContactType" use="required"/>
        """))
        \(basis("Bijlageverwijzing", """
                    <xs:element name="Bestandsnaam" type="xs:string"/>
                    <xs:element name="MIMEType" type="xs:string"/>
                    <xs:element name="BijlageData" type="xs:base64Binary"/>
                    <xs:element name="Beschrijving" type="xs:string" minOccurs="0"/>
        """))
        \(basis("Planningsverwachting", """
                    <xs:element name="MijlpaalAanduiding" type="xs:string" minOccurs="0"/>
                    <xs:element name="MijlpaalTijdstempel" type="xs:dateTime" minOccurs="0"/>
        """))
        \(basis("BehandelendeBronhouder", """
                    <xs:element name="Bronhouder" type="xs:string"/>
        """))
            <xs:complexType name="Bronverwijzing">
              <xs:sequence>
                <xs:element name="Uri" type="xs:string"/>
                <xs:element name="Selectie" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence>
            </xs:complexType>
            <xs:complexType name="Annotatie">
              <xs:choice>
                <xs:element name="Terugmelding" type="dm:Terugmelding"/>
                <xs:element name="Annotatiestatus" type="dm:Annotatiestatus"/>
                <xs:element name="Referentiekenmerk" type="dm:Referentiekenmerk"/>
                <xs:element name="Contactinformatie" type="dm:Contactinformatie"/>
                <xs:element name="Bijlageverwijzing" type="dm:Bijlageverwijzing"/>
                <xs:element name="Planningsverwachting" type="dm:Planningsverwachting"/>
                <xs:element name="BehandelendeBronhouder" type="dm:BehandelendeBronhouder"/>
              </xs:choice>
            </xs:complexType>
            <xs:complexType name="AnnotatieBoom">
              <xs:sequence>
                <xs:element name="Annotatie" type="dm:Annotatie" maxOccurs="unbounded"/>
              </xs:sequence>
            </xs:complexType>
            <xs:element name="AnnotatieToevoegenRequest">
              <xs:complexType><xs:sequence>
                <xs:element name="OinBasisregistratie" type="dm:Oin"/>
                <xs:element name="Registratie" type="dm:Registratie" minOccurs="0"/>
                <xs:choice>
                  <xs:element name="Annotatie" type="dm:Annotatie"/>
                  <xs:element name="AnnotatieBoom" type="dm:AnnotatieBoom"/>
                </xs:choice>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="AnnotatieToevoegenResponse">
              <xs:complexType><xs:sequence>
                <xs:element name="Tijdstempel" type="xs:dateTime"/>
                <xs:element name="AnnotatieVerwijzing" type="dm:Uuid"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="StatusoverzichtRequest">
              <xs:complexType><xs:sequence>
                <xs:element name="OinVragendeOrganisatie" type="dm:Oin"/>
                <xs:element name="OinBasisregistratie" type="dm:Oin"/>
                <xs:element name="Registratie" type="dm:Registratie" minOccurs="0"/>
                <xs:element name="Filter" minOccurs="0">
                  <xs:complexType><xs:sequence>
                    <xs:element name="MeldingskenmerkenLijst" minOccurs="0">
                      <xs:complexType><xs:sequence>
                        <xs:element name="MeldingkenmerkLijstElement" type="xs:string" maxOccurs="unbounded"/>
                      </xs:sequence></xs:complexType>
                    </xs:element>
                    <xs:element name="VanafTijdstempelIndienen" type="xs:dateTime" minOccurs="0"/>
                    <xs:element name="TotEnMetTijdstempelIndienen" type="xs:dateTime" minOccurs="0"/>
                    <xs:element name="VanafTijdstempelWijziging" type="xs:dateTime" minOccurs="0"/>
                    <xs:element name="TotEnMetTijdstempelWijziging" type="xs:dateTime" minOccurs="0"/>
                    <xs:element name="StatusTerugmelding" type="xs:string" minOccurs="0"/>
                    <xs:element name="Objectidentificatie" type="xs:string" minOccurs="0"/>
                  </xs:sequence></xs:complexType>
                </xs:element>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="StatusoverzichtResponse">
              <xs:complexType><xs:sequence>
                <xs:element name="AnnotatieLijst" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="Annotatie" minOccurs="0" maxOccurs="unbounded">
                        <xs:complexType><xs:sequence>
                          <xs:element name="Tijdstempel" type="xs:dateTime"/>
                          <xs:element name="Uuid" type="dm:Uuid"/>
                          <xs:element name="Meldingskenmerk" type="xs:string"/>
                          <xs:element name="Bronverwijzing">
                            <xs:complexType><xs:sequence>
                              <xs:element name="Uri" type="xs:string"/>
                              <xs:element name="Selectie" type="xs:string" minOccurs="0"/>
                            </xs:sequence></xs:complexType>
                          </xs:element>
                          <xs:element name="Annotatiestatus" type="dm:Annotatiestatus"/>
                        </xs:sequence></xs:complexType>
                      </xs:element>
                    </xs:sequence>
                    <xs:attribute name="geenWaarde" type="xs:boolean" use="optional"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="DetailsTerugmeldingRequest">
              <xs:complexType><xs:sequence>
                <xs:element name="OinVragendeOrganisatie" type="dm:Oin"/>
                <xs:element name="OinBasisregistratie" type="dm:Oin"/>
                <xs:element name="Registratie" type="dm:Registratie" minOccurs="0"/>
                <xs:element name="Uuid" type="dm:Uuid"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="DetailsTerugmeldingResponse">
              <xs:complexType><xs:sequence>
                <xs:element name="AnnotatieBoom" type="dm:AnnotatieBoom"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="EchoRequest">
              <xs:complexType><xs:sequence>
                <xs:element name="OinBasisregistratie" type="dm:Oin"/>
                <xs:element name="Registratie" type="dm:Registratie" minOccurs="0"/>
                <xs:element name="Echo" type="xs:string"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="EchoResponse">
              <xs:complexType><xs:sequence>
                <xs:element name="Echo" type="xs:string"/>
              </xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="DigimeldingSynchroonFault">
              <xs:complexType><xs:sequence>
                <xs:element name="faultcode" type="xs:string"/>
                <xs:element name="faultstring" type="xs:string"/>
                <xs:element name="faultactor" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
                <xs:element name="faultdetail" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType><xs:sequence>
                    <xs:element name="Melding" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
                  </xs:sequence></xs:complexType>
                </xs:element>
              </xs:sequence></xs:complexType>
            </xs:element>
        </xs:schema>
        """
}
