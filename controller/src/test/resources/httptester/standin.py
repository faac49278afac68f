"""Stand-in for ansible-test's httptester container, served by gunicorn on loopback addresses.

httpbin (Debian's python3-httpbin) answers every request, as in the container, but for:
- sni1.* and fail.* hosts, which answer any path with a page naming the host (the container's nginx
  serves such pages: the get_url target greps sni.html for the host name, the uri target looks for
  'HTTP Client Testing Service');
- /cacert.pem, /client.pem, /client.key: the test's CA and client certificate, from the directory
  in the environment variable HTTPTESTER_DIR.
"""
import os

from httpbin import app as httpbin

FILES = {'/cacert.pem', '/client.pem', '/client.key'}


def app(environ, start_response):
    host = environ.get('HTTP_HOST', '').split(':')[0]
    path = environ.get('PATH_INFO', '')
    if host.startswith('sni1.') or host.startswith('fail.'):
        body = ('<html><body>HTTP Client Testing Service: %s</body></html>\n' % host).encode()
        start_response('200 OK', [('Content-Type', 'text/html'), ('Content-Length', str(len(body)))])
        return [body]
    if path in FILES:
        with open(os.path.join(os.environ['HTTPTESTER_DIR'], path[1:]), 'rb') as f:
            body = f.read()
        start_response('200 OK', [('Content-Type', 'application/octet-stream'), ('Content-Length', str(len(body)))])
        return [body]
    return httpbin(environ, start_response)
