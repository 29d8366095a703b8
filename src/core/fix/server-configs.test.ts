/**
 * Each server's configuration, exact text (issue #14, item 2). nginx, HAProxy and the Java
 * keystore commands are also run for real: test/fix/servers.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { SERVER_IDS, isServerId, serverConfig } from './server-configs.ts';

const input = { dir: '/etc/ssl/fix', host: 'fix.example' };

describe('serverConfig', () => {
  it('lists every server once', () => {
    expect([...SERVER_IDS]).toEqual([
      'nginx',
      'apache',
      'apache-old',
      'haproxy',
      'caddy',
      'traefik',
      'iis',
      'tomcat',
      'tomcat-jks',
      'spring-boot',
      'kubernetes',
      'cert-manager',
      'aws',
    ]);
    expect([isServerId('nginx'), isServerId('lighttpd')]).toEqual([true, false]);
  });

  it('nginx', () => {
    expect(serverConfig('nginx', input)).toEqual({
      id: 'nginx',
      label: 'nginx',
      note: 'In the server { listen 443 ssl; ... } block; then nginx -t && nginx -s reload.',
      text: ['ssl_certificate     /etc/ssl/fix/fullchain.pem;', 'ssl_certificate_key /etc/ssl/fix/privkey.pem;'].join('\n'),
    });
  });

  it('apache', () => {
    expect(serverConfig('apache', input)).toEqual({
      id: 'apache',
      label: 'Apache 2.4.8 and later',
      note: 'In the <VirtualHost *:443>; SSLCertificateFile reads the intermediates after the leaf. Then apachectl configtest && apachectl graceful.',
      text: ['SSLEngine on', 'SSLCertificateFile    /etc/ssl/fix/fullchain.pem', 'SSLCertificateKeyFile /etc/ssl/fix/privkey.pem'].join('\n'),
    });
  });

  it('apache-old', () => {
    expect(serverConfig('apache-old', input)).toEqual({
      id: 'apache-old',
      label: 'Apache before 2.4.8',
      note: 'Older Apache reads only the first certificate from SSLCertificateFile: split the file, then name the intermediates in SSLCertificateChainFile.',
      text: [
        'openssl x509 -in /etc/ssl/fix/fullchain.pem -out /etc/ssl/fix/cert.pem',
        "awk 'n>0{print} /END CERTIFICATE/{n++}' /etc/ssl/fix/fullchain.pem > /etc/ssl/fix/chain.pem",
        '',
        'SSLEngine on',
        'SSLCertificateFile      /etc/ssl/fix/cert.pem',
        'SSLCertificateKeyFile   /etc/ssl/fix/privkey.pem',
        'SSLCertificateChainFile /etc/ssl/fix/chain.pem',
      ].join('\n'),
    });
  });

  it('haproxy', () => {
    expect(serverConfig('haproxy', input)).toEqual({
      id: 'haproxy',
      label: 'HAProxy',
      note: 'HAProxy reads the chain and the key from one file; then haproxy -c -f /etc/haproxy/haproxy.cfg && systemctl reload haproxy.',
      text: [
        'cat /etc/ssl/fix/fullchain.pem /etc/ssl/fix/privkey.pem > /etc/ssl/fix/haproxy.pem',
        '',
        'frontend https',
        '    bind :443 ssl crt /etc/ssl/fix/haproxy.pem',
      ].join('\n'),
    });
  });

  it('caddy', () => {
    expect(serverConfig('caddy', input)).toEqual({
      id: 'caddy',
      label: 'Caddy',
      note: 'In the Caddyfile (only when you bring your own certificate; Caddy otherwise gets one itself); then caddy reload.',
      text: ['fix.example {', '    tls /etc/ssl/fix/fullchain.pem /etc/ssl/fix/privkey.pem', '}'].join('\n'),
    });
  });

  it('traefik', () => {
    expect(serverConfig('traefik', input)).toEqual({
      id: 'traefik',
      label: 'Traefik',
      note: 'In a dynamic configuration file (file provider); Traefik picks it up by the names in the certificate.',
      text: ['tls:', '  certificates:', '    - certFile: /etc/ssl/fix/fullchain.pem', '      keyFile: /etc/ssl/fix/privkey.pem'].join('\n'),
    });
  });

  it('iis', () => {
    expect(serverConfig('iis', input)).toEqual({
      id: 'iis',
      label: 'IIS (Windows)',
      note: 'Make a .pfx that holds the intermediates, import it (PowerShell as administrator), then pick it in the site binding. Windows sends the intermediates it finds in its Intermediate Certification Authorities store, which the import fills.',
      text: [
        'openssl pkcs12 -export -in /etc/ssl/fix/fullchain.pem -inkey /etc/ssl/fix/privkey.pem -out site.pfx',
        '',
        'Import-PfxCertificate -FilePath .\\site.pfx -CertStoreLocation Cert:\\LocalMachine\\My -Password (Read-Host -AsSecureString -Prompt "pfx password")',
      ].join('\n'),
    });
  });

  it('tomcat', () => {
    expect(serverConfig('tomcat', input)).toEqual({
      id: 'tomcat',
      label: 'Tomcat (PKCS#12)',
      note: 'Make a PKCS#12 keystore with the whole chain, then name it in server.xml (Tomcat 8.5 and later); restart Tomcat.',
      text: [
        'openssl pkcs12 -export -in /etc/ssl/fix/fullchain.pem -inkey /etc/ssl/fix/privkey.pem -name tomcat -out /etc/ssl/fix/keystore.p12 -passout pass:changeit',
        "keytool -list -v -keystore /etc/ssl/fix/keystore.p12 -storetype PKCS12 -storepass changeit -alias tomcat | grep 'chain length'",
        '',
        '<Connector port="8443" protocol="org.apache.coyote.http11.Http11NioProtocol" SSLEnabled="true">',
        '  <SSLHostConfig>',
        '    <Certificate certificateKeystoreFile="/etc/ssl/fix/keystore.p12" certificateKeystoreType="PKCS12" certificateKeystorePassword="changeit" certificateKeyAlias="tomcat"/>',
        '  </SSLHostConfig>',
        '</Connector>',
      ].join('\n'),
    });
  });

  it('tomcat-jks', () => {
    expect(serverConfig('tomcat-jks', input)).toEqual({
      id: 'tomcat-jks',
      label: 'Tomcat / Java (JKS)',
      note: 'For an older Java that wants JKS: make the PKCS#12 first, then convert it; the key entry keeps the whole chain.',
      text: [
        'openssl pkcs12 -export -in /etc/ssl/fix/fullchain.pem -inkey /etc/ssl/fix/privkey.pem -name tomcat -out /etc/ssl/fix/keystore.p12 -passout pass:changeit',
        'keytool -importkeystore -srckeystore /etc/ssl/fix/keystore.p12 -srcstoretype PKCS12 -srcstorepass changeit -destkeystore /etc/ssl/fix/keystore.jks -deststoretype JKS -deststorepass changeit -noprompt',
        '',
        '<Certificate certificateKeystoreFile="/etc/ssl/fix/keystore.jks" certificateKeystoreType="JKS" certificateKeystorePassword="changeit" certificateKeyAlias="tomcat"/>',
      ].join('\n'),
    });
  });

  it('spring-boot', () => {
    expect(serverConfig('spring-boot', input)).toEqual({
      id: 'spring-boot',
      label: 'Spring Boot',
      note: 'Make the PKCS#12 keystore, then in application.properties; restart the application.',
      text: [
        'openssl pkcs12 -export -in /etc/ssl/fix/fullchain.pem -inkey /etc/ssl/fix/privkey.pem -name tomcat -out /etc/ssl/fix/keystore.p12 -passout pass:changeit',
        '',
        'server.ssl.key-store=file:/etc/ssl/fix/keystore.p12',
        'server.ssl.key-store-type=PKCS12',
        'server.ssl.key-store-password=changeit',
        'server.ssl.key-alias=tomcat',
      ].join('\n'),
    });
  });

  it('kubernetes', () => {
    expect(serverConfig('kubernetes', input)).toEqual({
      id: 'kubernetes',
      label: 'Kubernetes (TLS secret)',
      note: 'tls.crt must hold the whole chain, leaf first; the Ingress names the secret under spec.tls. The command creates the secret, or replaces the one already there.',
      text: [
        'kubectl create secret tls fix.example-tls --cert=/etc/ssl/fix/fullchain.pem --key=/etc/ssl/fix/privkey.pem --dry-run=client -o yaml | kubectl apply -f -',
      ].join('\n'),
    });
  });

  it('cert-manager', () => {
    expect(serverConfig('cert-manager', input)).toEqual({
      id: 'cert-manager',
      label: 'cert-manager',
      note: "cert-manager writes tls.crt itself: check what it holds. With a CA Issuer signed by an intermediate, put the intermediate after the CA certificate in the Issuer secret's tls.crt, then renew.",
      text: [
        "kubectl get secret fix.example-tls -o jsonpath='{.data.tls\\.crt}' | base64 -d | grep -c 'BEGIN CERTIFICATE'",
        'cmctl renew fix.example-tls',
      ].join('\n'),
    });
  });

  it('aws', () => {
    expect(serverConfig('aws', input)).toEqual({
      id: 'aws',
      label: 'AWS ALB (ACM import)',
      note: 'ACM takes the leaf and the intermediates apart: split the file, then import (add --certificate-arn ARN to replace the certificate the load balancer already uses).',
      text: [
        'openssl x509 -in /etc/ssl/fix/fullchain.pem -out /etc/ssl/fix/cert.pem',
        "awk 'n>0{print} /END CERTIFICATE/{n++}' /etc/ssl/fix/fullchain.pem > /etc/ssl/fix/chain.pem",
        '',
        'aws acm import-certificate --certificate fileb:///etc/ssl/fix/cert.pem --certificate-chain fileb:///etc/ssl/fix/chain.pem --private-key fileb:///etc/ssl/fix/privkey.pem',
      ].join('\n'),
    });
  });
});
