/**
 * How to serve the built chain on each server: the exact configuration lines and commands,
 * with the files named as `certlab fix` and the fix panel write them (fullchain.pem: leaf then
 * intermediates; privkey.pem: the key the leaf was issued for). One entry per server; the CLI's
 * --server and the panel's picker read SERVER_IDS.
 */

export const SERVER_IDS = [
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
] as const;

export type ServerId = (typeof SERVER_IDS)[number];

export interface ServerConfigInput {
  /** Folder the files live in on the server (no trailing slash). */
  dir: string;
  /** The site's host name (Kubernetes secret name, Caddy site address). */
  host: string;
}

export interface ServerConfig {
  id: ServerId;
  /** The server, as people name it. */
  label: string;
  /** One sentence: where the lines go and what to do after. */
  note: string;
  /** The lines to copy. */
  text: string;
}

/** Lines that split fullchain.pem into the leaf (cert.pem) and the intermediates (chain.pem). */
const split = (d: string) => [
  `openssl x509 -in ${d}/fullchain.pem -out ${d}/cert.pem`,
  `awk 'n>0{print} /END CERTIFICATE/{n++}' ${d}/fullchain.pem > ${d}/chain.pem`,
];

const P12 = (d: string) => `openssl pkcs12 -export -in ${d}/fullchain.pem -inkey ${d}/privkey.pem -name tomcat -out ${d}/keystore.p12 -passout pass:changeit`;

const CONFIGS: Record<ServerId, (i: ServerConfigInput) => ServerConfig> = {
  nginx: ({ dir }) => ({
    id: 'nginx',
    label: 'nginx',
    note: 'In the server { listen 443 ssl; ... } block; then nginx -t && nginx -s reload.',
    text: [`ssl_certificate     ${dir}/fullchain.pem;`, `ssl_certificate_key ${dir}/privkey.pem;`].join('\n'),
  }),
  apache: ({ dir }) => ({
    id: 'apache',
    label: 'Apache 2.4.8 and later',
    note: 'In the <VirtualHost *:443>; SSLCertificateFile reads the intermediates after the leaf. Then apachectl configtest && apachectl graceful.',
    text: ['SSLEngine on', `SSLCertificateFile    ${dir}/fullchain.pem`, `SSLCertificateKeyFile ${dir}/privkey.pem`].join('\n'),
  }),
  'apache-old': ({ dir }) => ({
    id: 'apache-old',
    label: 'Apache before 2.4.8',
    note: 'Older Apache reads only the first certificate from SSLCertificateFile: split the file, then name the intermediates in SSLCertificateChainFile.',
    text: [
      ...split(dir),
      '',
      'SSLEngine on',
      `SSLCertificateFile      ${dir}/cert.pem`,
      `SSLCertificateKeyFile   ${dir}/privkey.pem`,
      `SSLCertificateChainFile ${dir}/chain.pem`,
    ].join('\n'),
  }),
  haproxy: ({ dir }) => ({
    id: 'haproxy',
    label: 'HAProxy',
    note: 'HAProxy reads the chain and the key from one file; then haproxy -c -f /etc/haproxy/haproxy.cfg && systemctl reload haproxy.',
    text: [`cat ${dir}/fullchain.pem ${dir}/privkey.pem > ${dir}/haproxy.pem`, '', 'frontend https', `    bind :443 ssl crt ${dir}/haproxy.pem`].join('\n'),
  }),
  caddy: ({ dir, host }) => ({
    id: 'caddy',
    label: 'Caddy',
    note: 'In the Caddyfile (only when you bring your own certificate; Caddy otherwise gets one itself); then caddy reload.',
    text: [`${host} {`, `    tls ${dir}/fullchain.pem ${dir}/privkey.pem`, '}'].join('\n'),
  }),
  traefik: ({ dir }) => ({
    id: 'traefik',
    label: 'Traefik',
    note: 'In a dynamic configuration file (file provider); Traefik picks it up by the names in the certificate.',
    text: ['tls:', '  certificates:', `    - certFile: ${dir}/fullchain.pem`, `      keyFile: ${dir}/privkey.pem`].join('\n'),
  }),
  iis: ({ dir }) => ({
    id: 'iis',
    label: 'IIS (Windows)',
    note: 'Make a .pfx that holds the intermediates, import it (PowerShell as administrator), then pick it in the site binding. Windows sends the intermediates it finds in its Intermediate Certification Authorities store, which the import fills.',
    text: [
      `openssl pkcs12 -export -in ${dir}/fullchain.pem -inkey ${dir}/privkey.pem -out site.pfx`,
      '',
      'Import-PfxCertificate -FilePath .\\site.pfx -CertStoreLocation Cert:\\LocalMachine\\My -Password (Read-Host -AsSecureString -Prompt "pfx password")',
    ].join('\n'),
  }),
  tomcat: ({ dir }) => ({
    id: 'tomcat',
    label: 'Tomcat (PKCS#12)',
    note: 'Make a PKCS#12 keystore with the whole chain, then name it in server.xml (Tomcat 8.5 and later); restart Tomcat.',
    text: [
      P12(dir),
      `keytool -list -v -keystore ${dir}/keystore.p12 -storetype PKCS12 -storepass changeit -alias tomcat | grep 'chain length'`,
      '',
      '<Connector port="8443" protocol="org.apache.coyote.http11.Http11NioProtocol" SSLEnabled="true">',
      '  <SSLHostConfig>',
      `    <Certificate certificateKeystoreFile="${dir}/keystore.p12" certificateKeystoreType="PKCS12" certificateKeystorePassword="changeit" certificateKeyAlias="tomcat"/>`,
      '  </SSLHostConfig>',
      '</Connector>',
    ].join('\n'),
  }),
  'tomcat-jks': ({ dir }) => ({
    id: 'tomcat-jks',
    label: 'Tomcat / Java (JKS)',
    note: 'For an older Java that wants JKS: make the PKCS#12 first, then convert it; the key entry keeps the whole chain.',
    text: [
      P12(dir),
      `keytool -importkeystore -srckeystore ${dir}/keystore.p12 -srcstoretype PKCS12 -srcstorepass changeit -destkeystore ${dir}/keystore.jks -deststoretype JKS -deststorepass changeit -noprompt`,
      '',
      `<Certificate certificateKeystoreFile="${dir}/keystore.jks" certificateKeystoreType="JKS" certificateKeystorePassword="changeit" certificateKeyAlias="tomcat"/>`,
    ].join('\n'),
  }),
  'spring-boot': ({ dir }) => ({
    id: 'spring-boot',
    label: 'Spring Boot',
    note: 'Make the PKCS#12 keystore, then in application.properties; restart the application.',
    text: [
      P12(dir),
      '',
      `server.ssl.key-store=file:${dir}/keystore.p12`,
      'server.ssl.key-store-type=PKCS12',
      'server.ssl.key-store-password=changeit',
      'server.ssl.key-alias=tomcat',
    ].join('\n'),
  }),
  kubernetes: ({ dir, host }) => ({
    id: 'kubernetes',
    label: 'Kubernetes (TLS secret)',
    note: 'tls.crt must hold the whole chain, leaf first; the Ingress names the secret under spec.tls. The command creates the secret, or replaces the one already there.',
    text: [
      `kubectl create secret tls ${host.replace(/[^a-z0-9.-]/gi, '-').toLowerCase()}-tls --cert=${dir}/fullchain.pem --key=${dir}/privkey.pem --dry-run=client -o yaml | kubectl apply -f -`,
    ].join('\n'),
  }),
  'cert-manager': ({ host }) => ({
    id: 'cert-manager',
    label: 'cert-manager',
    note: "cert-manager writes tls.crt itself: check what it holds. With a CA Issuer signed by an intermediate, put the intermediate after the CA certificate in the Issuer secret's tls.crt, then renew.",
    text: [
      `kubectl get secret ${host.replace(/[^a-z0-9.-]/gi, '-').toLowerCase()}-tls -o jsonpath='{.data.tls\\.crt}' | base64 -d | grep -c 'BEGIN CERTIFICATE'`,
      `cmctl renew ${host.replace(/[^a-z0-9.-]/gi, '-').toLowerCase()}-tls`,
    ].join('\n'),
  }),
  aws: ({ dir }) => ({
    id: 'aws',
    label: 'AWS ALB (ACM import)',
    note: 'ACM takes the leaf and the intermediates apart: split the file, then import (add --certificate-arn ARN to replace the certificate the load balancer already uses).',
    text: [
      ...split(dir),
      '',
      `aws acm import-certificate --certificate fileb://${dir}/cert.pem --certificate-chain fileb://${dir}/chain.pem --private-key fileb://${dir}/privkey.pem`,
    ].join('\n'),
  }),
};

export function serverConfig(id: ServerId, input: ServerConfigInput): ServerConfig {
  return CONFIGS[id](input);
}

export function isServerId(s: string): s is ServerId {
  return (SERVER_IDS as readonly string[]).includes(s);
}
